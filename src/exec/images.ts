// Image operations: pull with per-image progress aggregated over layers.
import type { Engine, PullProgress } from '../engine/types.js';
import type { ProgressSink } from '../events/types.js';
import type { PlanNode } from '../plan/types.js';

export async function pullImage(engine: Engine, ref: string, node: PlanNode, sink: ProgressSink): Promise<void> {
  const layers = new Map<string, { current: number; total: number }>();
  let last = 0;
  await engine.pullImage(ref, undefined, (p: PullProgress) => {
    if (p.id && p.progressDetail?.total) layers.set(p.id, { current: p.progressDetail.current ?? 0, total: p.progressDetail.total });
    const now = Date.now();
    if (now - last < 200) return; // a line per image, not per layer event
    last = now;
    let current = 0;
    let total = 0;
    for (const l of layers.values()) {
      current += l.current;
      total += l.total;
    }
    const pct = total ? ` ${Math.floor((current / total) * 100)}%` : '';
    sink({ type: 'node.progress', node, detail: `${p.status ?? 'Pulling'}${pct}`, current, total });
  });
}
