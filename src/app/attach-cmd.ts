// attach: connect our stdio to a service container's main process, like `docker attach`.
import { onAbort } from './abort.js';
import type { AppContext } from './context.js';
import { serviceContainer } from './service-containers.js';
import { followSize, processStdio, wireStream, type Stdio } from '../ui/tty.js';
import { TcomposeError } from '../errors.js';

export interface AttachRequest {
  readonly service: string;
  readonly index?: number;
  /** Forward our stdin (default true; only when the container keeps stdin open). */
  readonly stdin?: boolean;
  /** Ctrl-C / SIGTERM are passed to the container (default true; not with a TTY, where Ctrl-C is a key). */
  readonly sigProxy?: boolean;
  /** Key sequence to detach, docker's syntax ("ctrl-p,ctrl-q" is the engine's default). */
  readonly detachKeys?: string;
  readonly io?: Stdio;
}

/** Resolves with the container's exit code once it stops, or 0 after detaching. */
export async function attach(ctx: AppContext, req: AttachRequest): Promise<number> {
  const engine = await ctx.engine();
  const c = await serviceContainer(engine, ctx.project, req.service, req.index, true);
  const info = await engine.inspectContainer(c.id);
  if (!info) throw new TcomposeError(`container ${c.name} is gone`);
  const io = req.io ?? processStdio();
  const tty = info.config.tty;
  const stdin = (req.stdin ?? true) && info.config.openStdin;
  const attached = await engine.attachContainer(c.id, { stdin, detachKeys: req.detachKeys });
  const wiring = wireStream(attached.duplex, io, { tty, multiplexed: attached.multiplexed, stdin });
  const unfollow = tty ? followSize(io.stdout, (rows, cols) => void engine.resizeContainer(c.id, rows, cols).catch(() => {})) : () => {};
  let detached = false;
  const abort = (): void => {
    if ((req.sigProxy ?? true) && !tty) void engine.killContainer(c.id, 'SIGINT').catch(() => {});
    else {
      detached = true;
      attached.duplex.destroy();
    }
  };
  // Also a Ctrl-C pressed before this point (while attaching).
  const unsubscribe = onAbort(ctx.signal, abort);
  try {
    await wiring.done;
    const after = await engine.inspectContainer(c.id);
    if (detached || !after || after.state.running) return 0;
    return after.state.exitCode;
  } finally {
    unfollow();
    wiring.release();
    unsubscribe();
  }
}
