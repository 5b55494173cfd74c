// Attached `up`: after converging, stream the attached services' logs and container exits
// until every monitored container has stopped. Ctrl-C (the `stop` signal) stops the
// containers in reverse dependency order; a second one (`kill`) kills them.
// --abort-on-container-exit / --abort-on-container-failure stop everything after the first
// (failed) exit; --exit-code-from returns that service's real exit code, also when it was
// the abort cascade that stopped it.
import type { ContainerSummary } from '../engine/types.js';
import { executePlan } from '../exec/execute.js';
import { withDependencies } from '../graph/dependencies.js';
import type { Project } from '../model/types.js';
import { planStops } from '../plan/down.js';
import { PlanBuilder } from '../plan/builder.js';
import { projectContainers } from '../state/containers.js';
import { isUp } from '../state/observe.js';
import type { AppContext } from './context.js';
import { follow, isExit, type LogItem } from './logs.js';

export interface AttachOptions {
  /** Services named on the command line (empty: all). */
  readonly services?: readonly string[];
  /** --attach: only these services' logs. */
  readonly attach?: readonly string[];
  /** --no-attach. */
  readonly noAttach?: readonly string[];
  /** --attach-dependencies. */
  readonly attachDependencies?: boolean;
  readonly abortOnExit?: boolean;
  readonly abortOnFailure?: boolean;
  readonly exitCodeFrom?: string;
}

export interface AttachRequest extends AttachOptions {
  /** Unix seconds taken before converging: what ran since then is reported. */
  readonly startedAfter: number;
  /** The services `up` converged (they are the ones stopped). */
  readonly upServices: ReadonlySet<string>;
  /** Stop timeout (seconds) for the graceful stop. */
  readonly timeout?: number;
  /** First Ctrl-C: stop gracefully. */
  readonly stop?: AbortSignal;
  /** Second Ctrl-C: kill. */
  readonly kill?: AbortSignal;
}

/** Which services' logs are shown, and which services' exits end the run (docker compose's rules). */
export function attachedServices(project: Project, o: AttachOptions): { attach: string[]; monitor: string[] } {
  const named = o.services?.length ? [...o.services] : Object.keys(project.services);
  let attach = new Set(o.attach?.length ? o.attach : named);
  if (o.attachDependencies) attach = new Set([...attach, ...withDependencies(project, named)]);
  for (const s of o.noAttach ?? []) attach.delete(s);
  const monitor = new Set(o.services?.length ? o.services : attach);
  if (o.exitCodeFrom) monitor.add(o.exitCodeFrom);
  return { attach: [...attach].sort(), monitor: [...monitor].sort() };
}

/**
 * Streams until the monitored containers are all gone; `write` gets each batch of lines and
 * exits (and is awaited: back-pressure). Resolves with the exit code `up` should return.
 */
export async function attachedUp(ctx: AppContext, req: AttachRequest, write: (batch: LogItem[]) => Promise<void>): Promise<number> {
  const engine = await ctx.engine();
  const { attach, monitor } = attachedServices(ctx.project, req);
  const abortOn = req.abortOnExit || req.exitCodeFrom ? 'exit' : req.abortOnFailure ? 'failure' : undefined;
  // Following must outlive the session's first Ctrl-C: the exits of the stop are shown too.
  const quiet: AppContext = { ...ctx, signal: undefined };
  let stopping: Promise<void> | undefined;
  let abortCode: number | undefined;
  let fromCode: number | undefined;
  let interrupted = false;
  // `up` converged these services; none of them means none of the project's containers.
  const upContainers = async (): Promise<ContainerSummary[]> =>
    req.upServices.size ? projectContainers(engine, ctx.project.name, { services: req.upServices }) : [];

  const stopAll = (reason: string): void => {
    stopping ??= (async () => {
      try {
        const plan = new PlanBuilder();
        const running = (await upContainers()).filter(isUp);
        planStops(plan, ctx.project, running, reason, req.timeout);
        await executePlan(plan.build(), engine, ctx.sink, { concurrency: ctx.parallel });
      } catch (err) {
        // A container that stopped on its own meanwhile (or an engine gone) is no reason to
        // fail the run, and nothing may reject unobserved here.
        ctx.sink({ type: 'warning', message: (err as Error).message });
      }
    })();
  };
  const killAll = async (): Promise<void> => {
    const running = (await upContainers()).filter(isUp);
    await Promise.all(running.map((c) => engine.killContainer(c.id).catch(() => undefined)));
  };

  const onStop = (): void => {
    interrupted = true;
    stopAll('interrupted');
  };
  const onKill = (): void => {
    killAll().catch((err: Error) => ctx.sink({ type: 'warning', message: err.message }));
  };
  if (req.stop?.aborted) onStop();
  else req.stop?.addEventListener('abort', onStop, { once: true });
  if (req.kill?.aborted) onKill();
  else req.kill?.addEventListener('abort', onKill, { once: true });

  try {
    const items = follow(quiet, { services: attach }, { monitor, startedAfter: req.startedAfter, exits: true });
    for await (const batch of items) {
      for (const item of batch) {
        if (!isExit(item) || item.restarting) continue;
        if (req.exitCodeFrom && item.service === req.exitCodeFrom && fromCode === undefined) fromCode = item.exitCode;
        if (abortOn && abortCode === undefined && !interrupted && (abortOn === 'exit' || item.exitCode !== 0)) {
          abortCode = item.exitCode;
          ctx.sink({ type: 'info', message: 'Aborting on container exit...' });
          stopAll('abort on container exit');
        }
      }
      await write(batch);
    }
    await stopping;
  } finally {
    // When following failed, the stop still runs to its end (and cannot reject: see stopAll).
    await stopping;
    req.stop?.removeEventListener('abort', onStop);
    req.kill?.removeEventListener('abort', onKill);
  }
  if (req.exitCodeFrom) return fromCode ?? (interrupted ? 130 : 0);
  if (abortCode !== undefined) return abortCode;
  return interrupted ? 130 : 0;
}
