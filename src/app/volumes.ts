// volumes: the project's volumes as the engine has them (by project label); with services,
// only those their containers mount.
import type { VolumeSummary } from '../engine/types.js';
import { Label, projectFilter } from '../state/labels.js';
import type { AppContext } from './context.js';
import { checkService } from './service-containers.js';

export interface VolumesRequest {
  readonly services?: readonly string[];
}

export async function volumes(ctx: AppContext, req: VolumesRequest = {}): Promise<VolumeSummary[]> {
  for (const s of req.services ?? []) checkService(ctx.project, s);
  const engine = await ctx.engine();
  const list = (await engine.listVolumes(projectFilter(ctx.project.name))).sort((a, b) => a.name.localeCompare(b.name));
  if (!req.services?.length) return list;
  const wanted = new Set(req.services);
  // Stopped containers count too: their volumes are still theirs.
  const containers = await engine.listContainers({ all: true, labels: projectFilter(ctx.project.name) });
  const mounted = new Set(
    containers.filter((c) => wanted.has(c.labels[Label.service] ?? '')).flatMap((c) => c.mounts.map((m) => m.name).filter((n): n is string => Boolean(n))),
  );
  return list.filter((v) => mounted.has(v.name));
}
