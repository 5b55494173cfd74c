// wait: block until the first container of the given services stops; its exit code is the
// result. --down-project then takes the whole project down.
import { TcomposeError } from '../errors.js';
import type { AppContext } from './context.js';
import { down } from './down.js';
import { projectContainers } from '../state/containers.js';
import { checkService } from './service-containers.js';

export interface WaitRequest {
  readonly services: readonly string[];
  readonly downProject?: boolean;
}

export async function wait(ctx: AppContext, req: WaitRequest): Promise<number> {
  const engine = await ctx.engine();
  for (const s of req.services) checkService(ctx.project, s);
  const containers = await projectContainers(engine, ctx.project.name, { services: req.services });
  if (!containers.length) throw new TcomposeError(`no containers for ${req.services.length > 1 ? 'services' : 'service'} ${req.services.join(', ')}`);
  const aborted = new Promise<never>((_, reject) => {
    if (ctx.signal?.aborted) reject(ctx.signal.reason);
    ctx.signal?.addEventListener('abort', () => reject(ctx.signal?.reason), { once: true });
  });
  const code = await Promise.race([...containers.map((c) => engine.waitContainer(c.id)), aborted]);
  if (req.downProject) await down(ctx, {});
  return code;
}
