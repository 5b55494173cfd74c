// down: stop and remove the project's containers, then its networks (volumes/images on request).
import { executePlan } from '../exec/execute.js';
import { formatPlan } from '../plan/format.js';
import { planDown, type DownOptions } from '../plan/down.js';
import { imageRef } from '../plan/container-spec.js';
import { observe } from '../state/observe.js';
import type { AppContext } from './context.js';

export interface DownRequest extends DownOptions {
  readonly dryRun?: boolean;
}

export async function down(ctx: AppContext, req: DownRequest = {}): Promise<{ text: string }> {
  const engine = await ctx.engine();
  const refs = req.rmi ? Object.values(ctx.project.services).map((s) => imageRef(ctx.project, s)) : [];
  const observed = await observe(engine, ctx.project, { images: refs, volumes: Boolean(req.volumes) });
  const plan = planDown(ctx.project, observed, req);
  // As docker compose says it: a `down` in the wrong directory or with the wrong -p is a common slip.
  if (!plan.nodes.length) ctx.sink({ type: 'warning', message: `No resource found to remove for project "${ctx.project.name}".` });
  if (!req.dryRun) await executePlan(plan, engine, ctx.sink, { concurrency: ctx.parallel, signal: ctx.signal });
  return { text: formatPlan(plan) };
}
