// create, start, stop, restart, kill, rm, pause, unpause: observe the project's containers,
// plan with the command's planner, execute (or, with dryRun, only describe) the plan.
import { executePlan } from '../exec/execute.js';
import { formatPlan } from '../plan/format.js';
import {
  planKill,
  planPause,
  planRemove,
  planRestart,
  planStart,
  planStop,
  removedContainers,
  type KillOptions,
  type RemoveOptions,
  type RestartOptions,
  type ServiceSelection,
  type StartOptions,
  type StopOptions,
} from '../plan/lifecycle.js';
import type { Plan } from '../plan/types.js';
import type { ObservedState } from '../state/observe.js';
import { observe } from '../state/observe.js';
import type { AppContext } from './context.js';
import { up, type UpRequest, type UpResult } from './up.js';

export interface DryRun {
  /** Print the plan, change nothing. */
  readonly dryRun?: boolean;
}

export interface LifecycleResult {
  readonly plan: Plan;
  /** formatPlan(plan), what --dry-run prints. */
  readonly text: string;
}

async function converge(ctx: AppContext, req: DryRun, planner: (observed: ObservedState) => Plan): Promise<LifecycleResult> {
  const engine = await ctx.engine();
  // These commands act on containers only: no network, volume or image lookups.
  const observed = await observe(engine, ctx.project, { networks: false, volumes: false });
  const plan = planner(observed);
  if (!req.dryRun) await executePlan(plan, engine, ctx.sink, { concurrency: ctx.parallel, signal: ctx.signal });
  return { plan, text: formatPlan(plan) };
}

/** create: `up --no-start`: images, networks, volumes and containers, nothing started. */
export function create(ctx: AppContext, req: Omit<UpRequest, 'noStart' | 'wait' | 'waitTimeoutMs'> = {}): Promise<UpResult> {
  return up(ctx, { ...req, noStart: true });
}

export function start(ctx: AppContext, req: StartOptions & DryRun = {}): Promise<LifecycleResult> {
  return converge(ctx, req, (o) => planStart(ctx.project, o, req));
}

export function stop(ctx: AppContext, req: StopOptions & DryRun = {}): Promise<LifecycleResult> {
  return converge(ctx, req, (o) => planStop(ctx.project, o, req));
}

export function restart(ctx: AppContext, req: RestartOptions & DryRun = {}): Promise<LifecycleResult> {
  return converge(ctx, req, (o) => planRestart(ctx.project, o, req));
}

export function kill(ctx: AppContext, req: KillOptions & DryRun = {}): Promise<LifecycleResult> {
  return converge(ctx, req, (o) => planKill(ctx.project, o, req));
}

export function pause(ctx: AppContext, req: ServiceSelection & DryRun = {}): Promise<LifecycleResult> {
  return converge(ctx, req, (o) => planPause(ctx.project, o, req));
}

export function unpause(ctx: AppContext, req: ServiceSelection & DryRun = {}): Promise<LifecycleResult> {
  return converge(ctx, req, (o) => planPause(ctx.project, o, { ...req, unpause: true }));
}

export interface RemoveRequest extends RemoveOptions, DryRun {
  /**
   * Asked with the names of the containers about to go; false keeps them. Absent = remove
   * without asking (rm -f, and the programmatic API).
   */
  readonly confirm?: (names: readonly string[]) => Promise<boolean>;
}

export interface RemoveResult extends LifecycleResult {
  /** Containers removed (or, with dryRun / a declined confirmation, that would have been). */
  readonly names: readonly string[];
  readonly removed: boolean;
}

/** rm: stopped containers of the services (-s stops running ones first); asks `confirm` first. */
export async function remove(ctx: AppContext, req: RemoveRequest = {}): Promise<RemoveResult> {
  const engine = await ctx.engine();
  const observed = await observe(engine, ctx.project, { networks: false, volumes: false });
  const plan = planRemove(ctx.project, observed, req);
  const names = removedContainers(plan);
  const text = formatPlan(plan);
  if (!names.length) {
    ctx.sink({ type: 'info', message: 'No stopped containers' });
    return { plan, text, names, removed: false };
  }
  if (req.dryRun) return { plan, text, names, removed: false };
  if (req.confirm && !(await req.confirm(names))) return { plan, text, names, removed: false };
  await executePlan(plan, engine, ctx.sink, { concurrency: ctx.parallel, signal: ctx.signal });
  return { plan, text, names, removed: true };
}
