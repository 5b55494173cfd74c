// Lifecycle hooks: each one an exec in the container, run to its end, its output kept for the
// message when it fails (docker compose's runHook: a non-zero exit fails the operation).
import type { Engine } from '../engine/types.js';
import { EngineError, TcomposeError } from '../errors.js';
import { hookCommand } from '../plan/hooks.js';
import type { ContainerRef, ExecHook } from '../plan/types.js';
import { FrameSplitter } from '../ui/logs/frames.js';

/** Output kept for a failure message: the end of it, where the reason usually is. */
const KEEP_BYTES = 4096;

export class HookFailedError extends TcomposeError {}

/** Runs one hook; resolves with its exit code and (the tail of) its stdout and stderr, interleaved. */
export async function runHook(engine: Engine, container: string, hook: ExecHook): Promise<{ exitCode: number; output: string }> {
  const session = await engine.exec(container, { cmd: hook.command, user: hook.user, workingDir: hook.workingDir, privileged: hook.privileged, env: hook.env });
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
  const exitCode = await session.exitCode();
  const output = Buffer.concat(chunks).toString('utf8').slice(-KEEP_BYTES).trim();
  return { exitCode, output };
}

/** 404 / 409: the container is gone or not running, so there is nothing to run a pre_stop hook in. */
const notRunning = (err: unknown): boolean => err instanceof EngineError && (err.statusCode === 404 || err.statusCode === 409);

/**
 * Runs the hooks in order; the first that exits non-zero fails with a message naming the
 * service, the container, the command, its exit code and its output. With `skipIfStopped`
 * (pre_stop), a container that is no longer running ends the hooks quietly: the stop goes on.
 */
export async function runHooks(engine: Engine, container: ContainerRef, phase: 'post_start' | 'pre_stop', hooks: readonly ExecHook[] | undefined, skipIfStopped = false): Promise<void> {
  for (const hook of hooks ?? []) {
    let result: { exitCode: number; output: string };
    try {
      result = await runHook(engine, container.id ?? container.name, hook);
    } catch (err) {
      if (skipIfStopped && notRunning(err)) return;
      throw err;
    }
    if (result.exitCode !== 0) {
      const out = result.output ? `:\n${result.output}` : ' (no output)';
      throw new HookFailedError(`service ${container.service}: ${phase} hook \`${hookCommand(hook)}\` in container ${container.name} exited with status ${result.exitCode}${out}`);
    }
  }
}
