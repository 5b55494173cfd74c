// Progress events: what the executor and the use cases report. ui/ renders them.
import type { Plan, PlanNode } from '../plan/types.js';

export type ProgressEvent =
  | { readonly type: 'plan.begin'; readonly plan: Plan; readonly title?: string }
  | { readonly type: 'plan.end'; readonly plan: Plan }
  | { readonly type: 'node.start'; readonly node: PlanNode }
  | { readonly type: 'node.progress'; readonly node: PlanNode; readonly detail: string; readonly current?: number; readonly total?: number }
  | {
      readonly type: 'node.done';
      readonly node: PlanNode;
      readonly elapsedMs: number;
      /** What happened instead of the usual result, without failing ("Resource is still in use"). */
      readonly outcome?: string;
    }
  | { readonly type: 'node.fail'; readonly node: PlanNode; readonly error: Error; readonly elapsedMs: number }
  | { readonly type: 'node.skip'; readonly node: PlanNode; readonly because: string }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'info'; readonly message: string };

export type ProgressSink = (event: ProgressEvent) => void;

export const silentSink: ProgressSink = () => {};
