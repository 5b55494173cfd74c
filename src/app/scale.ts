// scale: set the number of containers of services; the others are left as they are.
import { TcomposeError } from '../errors.js';
import type { AppContext } from './context.js';
import { up, type UpResult } from './up.js';

export interface ScaleRequest {
  readonly scale: Readonly<Record<string, number>>;
  readonly noDeps?: boolean;
  readonly dryRun?: boolean;
}

export async function scale(ctx: AppContext, req: ScaleRequest): Promise<UpResult> {
  const services = Object.keys(req.scale);
  for (const s of services) if (!(s in ctx.project.services)) throw new TcomposeError(`no such service: ${s}`);
  return up(ctx, { services, scale: req.scale, noRecreate: true, noDeps: req.noDeps, dryRun: req.dryRun });
}
