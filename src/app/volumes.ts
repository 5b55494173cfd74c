// volumes: the project's volumes as the engine has them (by project label); with services,
// only those their containers mount.
import type { VolumeSummary } from '../engine/types.js';
import { projectContainers } from '../state/containers.js';
import { projectFilter } from '../state/labels.js';
import type { AppContext } from './context.js';
import { checkService } from './service-containers.js';
import { compareText } from '../model/order.js';

export interface VolumesRequest {
  readonly services?: readonly string[];
}

export async function volumes(ctx: AppContext, req: VolumesRequest = {}): Promise<VolumeSummary[]> {
  for (const s of req.services ?? []) checkService(ctx.project, s);
  const engine = await ctx.engine();
  const list = (await engine.listVolumes(projectFilter(ctx.project.name))).sort((a, b) => compareText(a.name, b.name));
  if (!req.services?.length) return list;
  // Stopped containers count too (their volumes are still theirs), and one-offs, as before.
  const containers = await projectContainers(engine, ctx.project.name, { services: req.services, oneoff: 'any' });
  const mounted = new Set(containers.flatMap((c) => c.mounts.map((m) => m.name).filter((n): n is string => Boolean(n))));
  return list.filter((v) => mounted.has(v.name));
}
