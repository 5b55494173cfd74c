// Lifecycle hooks: each one an exec in the container, run to its end (docker compose's runHook:
// a non-zero exit fails the operation). A successful hook's output is shown like docker
// compose shows it (`<container> -> | line`); a failed one's tail goes into the error message.
// Ctrl-C ends the wait for a hook; a pre_stop hook gets no longer than the stop timeout.
import { FrameSplitter } from '../engine/frames.js';
import type { Engine } from '../engine/types.js';
import { EngineError, HookFailedError, InterruptedError } from '../errors.js';
import type { ProgressSink } from '../events/types.js';
import { hookCommand } from '../plan/hooks.js';
import type { ContainerRef, ExecHook } from '../plan/types.js';

/** Output kept for a failure message: the end of it, where the reason usually is. */
const KEEP_BYTES = 4096;
/** Output lines shown for a successful hook: the last ones. */
const SHOW_LINES = 200;

export interface HookRun {
  readonly signal?: AbortSignal;
  /** Milliseconds after which the wait for the hook ends (undefined: no limit). */
  readonly timeoutMs?: number;
}

export type HookResult = { readonly exitCode: number; readonly output: string } | { readonly timedOut: true; readonly output: string };

/** Runs one hook; resolves with its exit code and (the tail of) its stdout and stderr, interleaved. */
export async function runHook(engine: Engine, container: string, hook: ExecHook, run: HookRun = {}): Promise<HookResult> {
  if (run.signal?.aborted) throw new InterruptedError('interrupted');
  const session = await engine.exec(container, { cmd: hook.command, user: hook.user, workingDir: hook.workingDir, privileged: hook.privileged, env: hook.env, tty: hook.tty });
  const chunks: Buffer[] = [];
  let size = 0;
  const frames = new FrameSplitter(!session.tty);
  const sink = {
    frame: () => {},
    data: (_k: unknown, buf: Buffer, start: number, end: number) => {
      chunks.push(Buffer.from(buf.subarray(start, end)));
      size += end - start;
      while (size - chunks[0]!.length >= KEEP_BYTES) size -= chunks.shift()!.length;
    },
  };
  session.stream?.on('data', (chunk: Buffer) => frames.push(chunk, sink));
  session.stream?.on('error', () => {}); // destroyed below on abort or timeout: nothing to report
  const output = (): string => Buffer.concat(chunks).toString('utf8').slice(-KEEP_BYTES).trim();

  // The engine has no call to end an exec: stop waiting and close our end of its stream. The
  // command itself ends with the container (a stop, or the user's own `down`).
  let onAbort: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<'aborted' | 'timeout'>((resolve) => {
    onAbort = () => resolve('aborted');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.timeoutMs !== undefined) timer = setTimeout(() => resolve('timeout'), run.timeoutMs);
  });
  try {
    const ended = await Promise.race([session.exitCode(), stop]);
    if (ended === 'aborted') throw new InterruptedError('interrupted');
    if (ended === 'timeout') return { timedOut: true, output: output() };
    return { exitCode: ended, output: output() };
  } finally {
    if (onAbort) run.signal?.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    session.stream?.destroy();
  }
}

/** 404 / 409: the container is gone or not running, so there is nothing to run a pre_stop hook in. */
const notRunning = (err: unknown): boolean => err instanceof EngineError && (err.statusCode === 404 || err.statusCode === 409);

/** The name docker compose shows for a hook's output: the container's name without the project. */
function shortName(c: ContainerRef): string {
  const m = new RegExp(`(?:^|[-_])(${c.service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[-_]\\d+)$`).exec(c.name);
  return m ? m[1]! : c.name;
}

export interface HooksContext {
  readonly engine: Engine;
  readonly sink: ProgressSink;
  readonly signal?: AbortSignal;
}

/**
 * Runs the hooks in order; the first that exits non-zero fails with a message naming the
 * service, the container, the command, its exit code and its output. pre_stop hooks are
 * bounded by the stop timeout (seconds; the stop then ends what is left of them), and a
 * container that is no longer running ends them quietly: the stop goes on.
 */
export async function runHooks(ctx: HooksContext, container: ContainerRef, phase: 'post_start' | 'pre_stop', hooks: readonly ExecHook[] | undefined, stopTimeout?: number): Promise<void> {
  const preStop = phase === 'pre_stop';
  const deadline = preStop ? Date.now() + (stopTimeout ?? 10) * 1000 : undefined;
  for (const hook of hooks ?? []) {
    let result: HookResult;
    try {
      const timeoutMs = deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
      result = await runHook(ctx.engine, container.id ?? container.name, hook, { signal: ctx.signal, timeoutMs });
    } catch (err) {
      if (preStop && notRunning(err)) return;
      throw err;
    }
    if ('timedOut' in result) {
      ctx.sink({ type: 'warning', message: `service ${container.service}: ${phase} hook \`${hookCommand(hook)}\` in container ${container.name} did not end within the stop timeout (${stopTimeout ?? 10}s); stopping the container` });
      return;
    }
    if (result.exitCode !== 0) {
      const out = result.output ? `:\n${result.output}` : ' (no output)';
      throw new HookFailedError(`service ${container.service}: ${phase} hook \`${hookCommand(hook)}\` in container ${container.name} exited with status ${result.exitCode}${out}`);
    }
    const prefix = `${shortName(container)} ->`;
    for (const line of result.output ? result.output.split(/\r?\n/).slice(-SHOW_LINES) : []) ctx.sink({ type: 'info', message: `${prefix} | ${line}` });
  }
}
