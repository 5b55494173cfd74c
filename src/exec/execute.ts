// act: walk a Plan's DAG with bounded concurrency and run each node's operation. No decisions
// are made here; a failed node's dependents are skipped and reported.
import type { Engine } from '../engine/types.js';
import { InterruptedError, PlanFailedError, ResourceInUseError } from '../errors.js';
import type { ProgressSink } from '../events/types.js';
import { walkDag } from '../graph/walk.js';
import type { Operation, Plan, PlanNode } from '../plan/types.js';
import { createContainer, recreateContainer } from './containers.js';
import { runHooks } from './hooks.js';
import { waitFor } from './wait.js';

export interface ExecuteOptions {
  /** At most this many operations at once (--parallel, COMPOSE_PARALLEL_LIMIT); default unbounded. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Operations that the core executor does not know (image build/pull), supplied by the caller. */
  readonly handlers?: Partial<{ [K in Operation['kind']]: (op: Extract<Operation, { kind: K }>, node: PlanNode) => Promise<void> }>;
}

export interface ExecuteResult {
  readonly done: readonly string[];
}

/** What an operation did instead of its usual result, when that is not a failure ("Resource is still in use"). */
type Outcome = string | void;

/** A network or volume something outside the plan still uses stays, as docker compose leaves it. */
async function leftInUse(remove: () => Promise<void>): Promise<Outcome> {
  try {
    await remove();
  } catch (err) {
    if (err instanceof ResourceInUseError) return 'Resource is still in use';
    throw err;
  }
}

async function runOperation(engine: Engine, node: PlanNode, sink: ProgressSink, options: ExecuteOptions): Promise<Outcome> {
  const op = node.op;
  const hooks = { engine, sink, signal: options.signal };
  const custom = options.handlers?.[op.kind] as ((o: Operation, n: PlanNode) => Promise<void>) | undefined;
  if (custom) return custom(op, node);
  switch (op.kind) {
    case 'network.create':
      await engine.createNetwork(op.body);
      return;
    case 'network.remove':
      return leftInUse(() => engine.removeNetwork(op.name));
    case 'network.recreate': {
      for (const c of op.attached) await engine.disconnectNetwork(op.name, c, true);
      await engine.removeNetwork(op.name);
      await engine.createNetwork(op.body);
      return;
    }
    case 'network.connect':
      await engine.connectNetwork(op.network, op.container.id ?? op.container.name, op.endpoint);
      return;
    case 'volume.create':
      await engine.createVolume(op.body);
      return;
    case 'volume.remove':
      return leftInUse(() => engine.removeVolume(op.name));
    case 'image.remove':
      await engine.removeImage(op.ref);
      return;
    case 'container.create':
      await createContainer(engine, op.container.name, op.body, op.extraNetworks, op.files);
      return;
    case 'container.recreate':
      await recreateContainer(engine, op.container, op.body, op.extraNetworks, {
        ...op,
        beforeStop: () => runHooks(hooks, op.container, 'pre_stop', op.preStop, op.timeout),
      });
      return;
    case 'container.start':
      await engine.startContainer(op.container.name);
      await runHooks(hooks, op.container, 'post_start', op.postStart);
      return;
    case 'container.stop':
      await runHooks(hooks, op.container, 'pre_stop', op.preStop, op.timeout);
      await engine.stopContainer(op.container.id ?? op.container.name, op.timeout);
      return;
    case 'container.restart':
      await runHooks(hooks, op.container, 'pre_stop', op.preStop, op.timeout);
      await engine.restartContainer(op.container.id ?? op.container.name, op.timeout);
      await runHooks(hooks, op.container, 'post_start', op.postStart);
      return;
    case 'container.kill':
      await engine.killContainer(op.container.id ?? op.container.name, op.signal);
      return;
    case 'container.remove':
      await engine.removeContainer(op.container.id ?? op.container.name, { force: op.force, volumes: op.volumes });
      return;
    case 'container.pause':
      await engine.pauseContainer(op.container.id ?? op.container.name);
      return;
    case 'container.unpause':
      await engine.unpauseContainer(op.container.id ?? op.container.name);
      return;
    case 'service.wait':
      await waitFor(engine, { ...op, signal: options.signal });
      return;
    case 'image.pull':
    case 'image.build':
    case 'image.push':
      throw new Error(`${op.kind} needs a handler from the caller`);
  }
}

/** The `because` of operations left undone by Ctrl-C. */
export const INTERRUPTED = 'interrupted';

/** Runs the plan; throws PlanFailedError naming every failure and what it skipped. */
export async function executePlan(plan: Plan, engine: Engine, sink: ProgressSink, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  for (const w of plan.warnings) sink({ type: 'warning', message: w });
  sink({ type: 'plan.begin', plan });
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const done: string[] = [];
  const result = await walkDag(
    plan.nodes.map((n) => n.id),
    plan.edges,
    async (id) => {
      const node = byId.get(id)!;
      if (options.signal?.aborted) {
        // Not started because of Ctrl-C: say so, so that every progress line ends.
        sink({ type: 'node.skip', node, because: INTERRUPTED });
        throw new InterruptedError('interrupted');
      }
      const t0 = performance.now();
      sink({ type: 'node.start', node });
      let outcome: Outcome;
      try {
        outcome = await runOperation(engine, node, sink, options);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        // Ended by Ctrl-C (a hook or a wait given up): left undone, not failed.
        if (error instanceof InterruptedError) sink({ type: 'node.skip', node, because: INTERRUPTED });
        else sink({ type: 'node.fail', node, error, elapsedMs: performance.now() - t0 });
        throw error;
      }
      done.push(id);
      sink({ type: 'node.done', node, elapsedMs: performance.now() - t0, ...(outcome ? { outcome } : {}) });
    },
    {
      concurrency: options.concurrency,
      onSkip: (id, because) =>
        sink({ type: 'node.skip', node: byId.get(id)!, because: options.signal?.aborted ? INTERRUPTED : (byId.get(because)?.resource ?? because) }),
    },
  );
  sink({ type: 'plan.end', plan });
  // Ctrl-C: what failed or was skipped because of it is not a failure of the plan.
  if (options.signal?.aborted) {
    const reason: unknown = options.signal.reason;
    throw reason instanceof InterruptedError ? reason : new InterruptedError('interrupted');
  }
  if (result.failed.size) {
    const failures = [...result.failed].map(([node, error]) => ({ node, error }));
    const skipped = [...result.skipped.keys()].map((id) => {
      const n = byId.get(id)!;
      return `${n.op.kind.split('.')[1]} ${n.resource}`;
    });
    throw new PlanFailedError(failures, skipped);
  }
  return { done };
}
