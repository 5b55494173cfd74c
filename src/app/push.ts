// push: send the images of services that are built and name an image to their registries.
import { formatPlan } from '../plan/format.js';
import { planPush } from '../plan/images.js';
import { selectServices } from '../plan/up.js';
import type { Plan } from '../plan/types.js';
import { runImagePlan } from './build.js';
import type { AppContext } from './context.js';

export interface PushRequest {
  readonly services?: readonly string[];
  readonly includeDeps?: boolean;
  readonly ignorePushFailures?: boolean;
  readonly quiet?: boolean;
  readonly dryRun?: boolean;
}

export async function push(ctx: AppContext, req: PushRequest = {}): Promise<{ plan: Plan; text: string }> {
  const services = selectServices(ctx.project, { services: req.services, noDeps: !req.includeDeps });
  const plan = planPush(ctx.project, services);
  if (!req.dryRun && plan.nodes.length) {
    const engine = await ctx.engine();
    await runImagePlan(ctx, engine, plan, { quietPull: req.quiet, ignorePushFailures: req.ignorePushFailures });
  }
  return { plan, text: formatPlan(plan) };
}
