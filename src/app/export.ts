// export: a service container's filesystem as a tar stream, to a file or a stream.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from './context.js';
import { serviceContainer } from './service-containers.js';

export interface ExportRequest {
  readonly service: string;
  readonly index?: number;
  /** Write the tar here (replaced only once the export is complete). */
  readonly output?: string;
  /** Otherwise it goes to this stream (left open). */
  readonly stdout?: Writable;
}

export async function exportContainer(ctx: AppContext, req: ExportRequest): Promise<void> {
  const engine = await ctx.engine();
  const container = await serviceContainer(engine, ctx.project, req.service, req.index, false);
  const tar = await engine.exportContainer(container.id);
  if (!req.output) {
    await pipeline(tar, req.stdout ?? process.stdout, { end: false, signal: ctx.signal });
    return;
  }
  // A half-written archive must not take the place of a good one.
  const partial = `${req.output}.tcompose-partial-${process.pid}`;
  try {
    await pipeline(tar, createWriteStream(partial), { signal: ctx.signal });
    await rename(partial, req.output);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
