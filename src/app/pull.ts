// pull: fetch the images of the selected services from their registries, with progress.
import { formatPlan } from '../plan/format.js';
import { planPull, type PullPlanOptions } from '../plan/images.js';
import { selectServices } from '../plan/up.js';
import { imageRef } from '../plan/container-spec.js';
import type { Plan } from '../plan/types.js';
import { observe } from '../state/observe.js';
import { runImagePlan } from './build.js';
import type { AppContext } from './context.js';

export interface PullRequest extends PullPlanOptions {
  readonly services?: readonly string[];
  /** --include-deps: also pull what the services depend on. */
  readonly includeDeps?: boolean;
  readonly ignorePullFailures?: boolean;
  readonly quiet?: boolean;
  readonly dryRun?: boolean;
}

export async function pull(ctx: AppContext, req: PullRequest = {}): Promise<{ plan: Plan; text: string }> {
  const services = selectServices(ctx.project, { services: req.services, noDeps: !req.includeDeps });
  const engine = await ctx.engine();
  const refs = [...services].map((n) => imageRef(ctx.project, ctx.project.services[n]!));
  const observed = await observe(engine, ctx.project, { images: req.policy === 'missing' ? refs : [] });
  const plan = planPull(ctx.project, observed, services, req);
  if (!req.dryRun) await runImagePlan(ctx, engine, plan, { quietPull: req.quiet, ignorePullFailures: req.ignorePullFailures });
  return { plan, text: formatPlan(plan) };
}
