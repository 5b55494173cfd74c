// scale: set the number of containers of services; the others are left as they are.
import { checkServices } from '../graph/services.js';
import type { AppContext } from './context.js';
import { up, type UpResult } from './up.js';

export interface ScaleRequest {
  readonly scale: Readonly<Record<string, number>>;
  readonly noDeps?: boolean;
  readonly dryRun?: boolean;
}

export async function scale(ctx: AppContext, req: ScaleRequest): Promise<UpResult> {
  const services = Object.keys(req.scale);
  checkServices(ctx.project, services);
  return up(ctx, { services, scale: req.scale, noRecreate: true, noDeps: req.noDeps, dryRun: req.dryRun });
}
