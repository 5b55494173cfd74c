// logs: the log lines of a project's containers as one stream. Without `follow`, the lines of
// every container are merged in timestamp order; with it, lines come as they are written and
// containers are followed through restarts, recreation and scale-up (engine events).
import type { ContainerSummary, Engine, EngineEvent, LogOptions } from '../engine/types.js';
import { projectContainers } from '../state/containers.js';
import { Label, projectFilter } from '../state/labels.js';
import { Channel } from '../ui/logs/channel.js';
import { LogDecoder, timestampSeconds, type StreamKind } from '../ui/logs/decode.js';
import { mergeByTimestamp } from '../ui/logs/merge.js';
import type { AppContext } from './context.js';
import { isExit, type ContainerExit, type LogItem, type LogLine } from '../events/logs.js';

export type { LogLine, ContainerExit, LogItem } from '../events/logs.js';
export { isExit } from '../events/logs.js';

export interface LogRequest {
  /** Services to show; all of the project's when empty. */
  readonly services?: readonly string[];
  readonly follow?: boolean;
  /** Lines from the end of each container's log. */
  readonly tail?: number | 'all';
  /** Unix seconds (fractional allowed); see parseLogTime for the CLI's forms. */
  readonly since?: number;
  readonly until?: number;
  /** Keep `timestamp` on the lines streamLogs yields (the batch stream always has it). */
  readonly timestamps?: boolean;
  /** Only the container with this replica number. */
  readonly index?: number;
  readonly signal?: AbortSignal;
}

interface Target {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly number: number;
}

const targetOf = (id: string, labels: Readonly<Record<string, string>>, name: string): Target => ({
  id,
  name: name.replace(/^\//, ''),
  service: labels[Label.service] ?? '',
  number: Number(labels[Label.number]) || 0,
});

/** Which of the project's containers a request covers. */
function selector(ctx: AppContext, services: readonly string[] | undefined, index: number | undefined): (labels: Readonly<Record<string, string>>) => boolean {
  const chosen = new Set(services?.length ? services : Object.keys(ctx.project.services));
  return (labels) =>
    labels[Label.project] === ctx.project.name &&
    labels[Label.oneoff] !== 'True' &&
    chosen.has(labels[Label.service] ?? '') &&
    (index === undefined || Number(labels[Label.number]) === index);
}

async function listTargets(engine: Engine, ctx: AppContext, select: (l: Readonly<Record<string, string>>) => boolean): Promise<{ target: Target; summary: ContainerSummary }[]> {
  // The selector (also applied to engine events) picks services and --index; one-offs never match it.
  const all = await projectContainers(engine, ctx.project.name, { oneoff: false });
  return all.filter((c) => select(c.labels)).map((c) => ({ target: targetOf(c.id, c.labels, c.name), summary: c }));
}

/**
 * The lines of one container's log stream, a batch per chunk. Lines at or before `after`
 * (a timestamp) are dropped: that is how a re-opened stream skips what was already shown.
 */
async function* containerLines(engine: Engine, t: Target, options: LogOptions, signal: AbortSignal, after?: string): AsyncIterable<LogLine[]> {
  if (signal.aborted) return;
  const { stream, multiplexed } = await engine.containerLogs(t.id, { ...options, timestamps: true });
  const { service, name: container, number } = t;
  const decoder = new LogDecoder<LogLine>({
    multiplexed,
    timestamps: true,
    make: (s: StreamKind, text, timestamp) => ({ service, container, number, stream: s, text, timestamp }),
  });
  const abort = (): void => void stream.destroy();
  signal.addEventListener('abort', abort, { once: true });
  const keep = (batch: LogLine[]): LogLine[] => (after === undefined ? batch : batch.filter((l) => l.timestamp === undefined || l.timestamp > after));
  try {
    for await (const chunk of stream) {
      const out: LogLine[] = [];
      decoder.push(chunk as Buffer, out);
      if (out.length) yield keep(out);
    }
    const out: LogLine[] = [];
    decoder.end(out);
    if (out.length) yield keep(out);
  } catch (err) {
    if (!signal.aborted) throw err;
  } finally {
    signal.removeEventListener('abort', abort);
    stream.destroy();
  }
}

/** Lines and exits in batches: what printers consume (one write per batch). */
export function streamLogBatches(ctx: AppContext, req: LogRequest = {}): AsyncIterable<LogItem[]> {
  return req.follow ? follow(ctx, req, {}) : merged(ctx, req);
}

/** The programmatic API: one line at a time. */
export async function* streamLogs(ctx: AppContext, req: LogRequest = {}): AsyncIterable<LogLine> {
  for await (const batch of streamLogBatches(ctx, req)) {
    for (const item of batch) {
      if (isExit(item)) continue;
      if (req.timestamps || item.timestamp === undefined) yield item;
      else yield { service: item.service, container: item.container, number: item.number, stream: item.stream, text: item.text };
    }
  }
}

async function* merged(ctx: AppContext, req: LogRequest): AsyncIterable<LogItem[]> {
  const engine = await ctx.engine();
  const signal = anySignal(req.signal, ctx.signal);
  const targets = await listTargets(engine, ctx, selector(ctx, req.services, req.index));
  const options: LogOptions = { follow: false, tail: req.tail, since: req.since, until: req.until };
  yield* mergeByTimestamp(targets.map(({ target }) => containerLines(engine, target, options, signal)));
}

const anySignal = (...signals: (AbortSignal | undefined)[]): AbortSignal => {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  return given.length ? AbortSignal.any(given) : new AbortController().signal;
};

// ---------------------------------------------------------------------------------------
// Following

export interface FollowHooks {
  /** Services whose containers decide when following ends (attached up); default: all followed. */
  readonly monitor?: readonly string[];
  /** Unix seconds: initial streams start here, and exits after it are reported (attached up). */
  readonly startedAfter?: number;
  /** Report container exits as items. */
  readonly exits?: boolean;
}

interface Followed {
  readonly target: Target;
  streaming: boolean;
  /** Newest timestamp shown: a re-opened stream starts after it. */
  last?: string;
  /** The run (StartedAt) whose exit was last reported. */
  reportedExit?: string;
  /** An exit waiting for the container's stream to drain. */
  pendingExit?: ContainerExit;
  /** Unix seconds from which its lines are (to be) shown, when nothing was shown yet. */
  from?: number;
  gone: boolean;
}

/** How long following lingers once nothing runs, in case a replacement is on its way. */
const LINGER_MS = 1500;

/**
 * Follows the containers of the selected services. Ends when every followed container has
 * stopped (and none restarts or is being replaced), or on abort.
 */
export function follow(ctx: AppContext, req: LogRequest, hooks: FollowHooks): AsyncIterable<LogItem[]> {
  const channel = new Channel<LogItem[]>(64);
  const controller = new AbortController();
  const signal = anySignal(req.signal, ctx.signal, controller.signal);
  channel.onCancel = () => controller.abort();
  signal.addEventListener('abort', () => channel.close(), { once: true });
  const select = selector(ctx, req.services, req.index);
  const monitored = hooks.monitor ? selector(ctx, hooks.monitor, req.index) : select;
  const followed = new Map<string, Followed>();
  let engine: Engine;
  let active = 0;
  let linger: NodeJS.Timeout | undefined;

  const finish = (error?: unknown): void => {
    clearTimeout(linger);
    channel.close(error);
    controller.abort();
  };

  /** Opens a follow stream unless one is open; `initial` streams honour tail/since. */
  const stream = (f: Followed, initial: boolean): void => {
    if (f.streaming || signal.aborted) return;
    f.streaming = true;
    active++;
    clearTimeout(linger);
    if (initial) f.from = hooks.startedAfter ?? Date.now() / 1000;
    const options: LogOptions = initial
      ? { follow: true, tail: req.tail, since: hooks.startedAfter ?? req.since, until: req.until }
      : { follow: true, since: f.last ? Math.floor(timestampSeconds(f.last)) : f.from, until: req.until };
    let failed = false;
    void (async () => {
      try {
        for await (const batch of containerLines(engine, f.target, options, signal, initial ? undefined : f.last)) {
          if (!batch.length) continue;
          f.last = batch[batch.length - 1]!.timestamp ?? f.last;
          await channel.push(batch);
        }
      } catch (err) {
        failed = true;
        // A container removed under us ends its stream; anything else is worth telling.
        if (!f.gone && !signal.aborted) ctx.sink({ type: 'warning', message: `logs of ${f.target.name}: ${(err as Error).message}` });
      } finally {
        f.streaming = false;
        active--;
      }
      if (signal.aborted) return;
      if (f.pendingExit) {
        const e = f.pendingExit;
        f.pendingExit = undefined;
        await channel.push([e]);
      }
      // It may have restarted while its old stream drained (its start event was seen then).
      const now = f.gone || failed ? undefined : await engine.inspectContainer(f.target.id).catch(() => undefined);
      if (now?.state.running && !signal.aborted) stream(f, false);
      else await settle();
    })();
  };

  const track = (target: Target): Followed => {
    let f = followed.get(target.id);
    if (!f) followed.set(target.id, (f = { target, streaming: false, gone: false }));
    return f;
  };

  /** A container stopped: report it (once per run) and see whether following is over. */
  const died = async (id: string, labels: Readonly<Record<string, string>>, name: string): Promise<void> => {
    const f = followed.get(id) ?? track(targetOf(id, labels, name));
    const info = await engine.inspectContainer(id).catch(() => undefined);
    const run = info?.state.startedAt ?? '';
    // A container already removed (the old one of a recreate) is not reported.
    if (hooks.exits && info && f.reportedExit !== run) {
      f.reportedExit = run;
      const exit: ContainerExit = {
        kind: 'exit',
        service: f.target.service,
        container: f.target.name,
        number: f.target.number,
        id,
        exitCode: info?.state.exitCode ?? (Number(labels.exitCode) || 0),
        restarting: Boolean(info?.state.restarting || info?.state.running),
      };
      // After the container's last lines, not before them.
      if (f.streaming) f.pendingExit = exit;
      else await channel.push([exit]);
    }
    await settle();
  };

  /** Ends following when nothing that is followed runs any more (after a short linger). */
  const settle = async (): Promise<void> => {
    if (active > 0 || signal.aborted) return;
    clearTimeout(linger);
    linger = setTimeout(() => void check(), hooks.monitor ? 0 : LINGER_MS);
  };

  const check = async (): Promise<void> => {
    if (active > 0 || signal.aborted) return;
    try {
      const now = await listTargets(engine, ctx, monitored);
      const live = now.filter(({ summary }) => ['running', 'restarting', 'paused'].includes(summary.state));
      if (live.length === 0) {
        // Attached up: every container that ran since it began has its exit reported first
        // (its die event may still be on its way).
        if (hooks.exits && hooks.startedAfter !== undefined) {
          for (const { target, summary } of now) {
            const f = followed.get(target.id);
            const info = await engine.inspectContainer(target.id).catch(() => undefined);
            if (!info || f?.reportedExit === info.state.startedAt) continue;
            if (timestampSeconds(info.state.finishedAt) >= Math.floor(hooks.startedAfter)) return died(target.id, summary.labels, target.name);
          }
        }
        return finish();
      }
      // Something runs that has no stream (a start we have not seen yet): follow it.
      for (const { target, summary } of live) if (select(summary.labels) && summary.state === 'running') stream(track(target), false);
    } catch (err) {
      finish(err);
    }
  };

  const onEvent = async (e: EngineEvent): Promise<void> => {
    const labels = e.attributes;
    const name = labels.name ?? e.id;
    if (e.action === 'create' && select(labels)) {
      clearTimeout(linger);
      track(targetOf(e.id, labels, name));
    } else if (e.action === 'start' && select(labels)) {
      const f = track(targetOf(e.id, labels, name));
      f.gone = false;
      stream(f, false);
    } else if (e.action === 'die' && (select(labels) || monitored(labels))) {
      await died(e.id, labels, name);
    } else if (e.action === 'destroy') {
      const f = followed.get(e.id);
      if (f) f.gone = true;
      await settle();
    }
  };

  void (async () => {
    try {
      engine = await ctx.engine();
      // Events from just before the listing, so nothing that happens in between is missed;
      // every handler is idempotent, so replayed events do no harm.
      const since = Math.floor(Date.now() / 1000) - 1;
      const events = engine.events({ labels: projectFilter(ctx.project.name), types: ['container'], since: hooks.startedAfter !== undefined ? Math.floor(hooks.startedAfter) - 1 : since }, signal);
      const initial = await listTargets(engine, ctx, (l) => select(l) || monitored(l));
      for (const { target, summary } of initial) {
        const f = track(target);
        if (select(summary.labels)) stream(f, true);
      }
      void settle();
      for await (const e of events) {
        // Events of containers that ran before the attached up began are not ours to report.
        if (hooks.startedAfter !== undefined && e.time < Math.floor(hooks.startedAfter)) continue;
        await onEvent(e);
      }
    } catch (err) {
      if (!signal.aborted) finish(err);
    }
  })();
  return channel;
}
