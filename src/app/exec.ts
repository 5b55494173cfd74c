// exec: run a command in a service's running container, wired to our stdio; the command's
// exit code is the result.
import { onAbort } from './abort.js';
import type { AppContext } from './context.js';
import { serviceContainer } from './service-containers.js';
import { followSize, processStdio, terminalSize, wireStream, type Stdio } from '../ui/tty.js';

export interface ExecRequest {
  readonly service: string;
  readonly command: readonly string[];
  /** Container number (--index); default the first running one. */
  readonly index?: number;
  readonly detach?: boolean;
  /** Allocate a pseudo-TTY (docker compose: when stdin is a terminal, unless -T). */
  readonly tty?: boolean;
  /** Forward stdin (default true). */
  readonly interactive?: boolean;
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workdir?: string;
  readonly privileged?: boolean;
  readonly io?: Stdio;
}

/** Resolves with the command's exit code (0 for --detach). */
export async function exec(ctx: AppContext, req: ExecRequest): Promise<number> {
  const engine = await ctx.engine();
  const container = await serviceContainer(engine, ctx.project, req.service, req.index, true);
  const io = req.io ?? processStdio();
  const tty = Boolean(req.tty) && !req.detach;
  const stdin = (req.interactive ?? true) && !req.detach;
  const session = await engine.exec(container.id, {
    cmd: req.command,
    env: req.env,
    user: req.user,
    workingDir: req.workdir,
    privileged: req.privileged,
    tty,
    attachStdin: stdin,
    detach: req.detach,
  });
  if (req.detach || !session.stream) return 0;
  // The size first, so the command's first look at the terminal (a shell, `stty size`) sees it.
  const size = tty ? terminalSize(io.stdout) : undefined;
  if (size) await session.resize(size.rows, size.cols).catch(() => {});
  const wiring = wireStream(session.stream, io, { tty, multiplexed: !tty, stdin });
  const unfollow = tty ? followSize(io.stdout, (rows, cols) => void session.resize(rows, cols).catch(() => {})) : () => {};
  // Ctrl-C (outside a TTY, where it is a key for the container) stops waiting; the command
  // keeps running in the container, as with docker compose.
  let unsubscribe = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    // Also a Ctrl-C pressed before this point (while the exec was being created).
    unsubscribe = onAbort(ctx.signal, () => reject(ctx.signal?.reason));
  });
  aborted.catch(() => {});
  try {
    await Promise.race([wiring.done, aborted]);
    return await Promise.race([session.exitCode(), aborted]);
  } finally {
    unfollow();
    wiring.release();
    unsubscribe();
  }
}
