// up / create: get the images, then converge networks, volumes and containers.
import type { Engine } from '../engine/types.js';
import { executePlan } from '../exec/execute.js';
import { runImagePlan } from './build.js';
import { formatPlan } from '../plan/format.js';
import { planImages, type ImageOptions } from '../plan/images.js';
import { imageRef } from '../plan/container-spec.js';
import type { Plan } from '../plan/types.js';
import { reconcile, selectServices, type UpOptions } from '../plan/up.js';
import { observe, withAttachments, type ObservedState } from '../state/observe.js';
import { networksToRecreate } from '../plan/resources-plan.js';
import type { AppContext } from './context.js';
import { Label } from '../state/labels.js';
import { readProxyEnvironment } from '../state/proxies.js';
import { readDockerConfig } from '../state/credentials.js';
import { checkCapabilities } from './capabilities.js';

export interface UpRequest extends UpOptions, ImageOptions {
  /** Print the plan, change nothing. */
  readonly dryRun?: boolean;
  /** --quiet-pull / --quiet-build: no per-image progress lines. */
  readonly quietPull?: boolean;
  readonly quietBuild?: boolean;
}

export interface UpResult {
  /** The plans that were (or, with dryRun, would be) executed: images first, then containers. */
  readonly plans: readonly Plan[];
  /** formatPlan() of each plan, for --dry-run. */
  readonly text: string;
}

async function observeFor(engine: Engine, ctx: AppContext, services: Set<string>): Promise<ObservedState> {
  const refs = [...services].map((n) => imageRef(ctx.project, ctx.project.services[n]!));
  const observed = await observe(engine, ctx.project, { images: refs });
  // Who is attached matters only to a network that is to be recreated: inspect just those.
  return withAttachments(engine, observed, networksToRecreate(ctx.project, observed));
}

export async function up(ctx: AppContext, req: UpRequest = {}): Promise<UpResult> {
  const engine = await ctx.engine();
  const services = selectServices(ctx.project, req);
  // Before any build or pull: a setting the engine cannot honour is a config error now, not
  // after minutes of image work.
  await checkCapabilities(engine, ctx.project, services);
  let observed = await observeFor(engine, ctx, services);
  const plans: Plan[] = [];
  // Read once: pulls and builds take their credentials and proxies from it, containers their proxies.
  const dockerConfig = readDockerConfig();
  dockerConfig.catch(() => undefined); // reported where it is awaited
  const images = planImages(ctx.project, observed, services, { now: Date.now(), ...req });
  if (images.nodes.length) {
    plans.push(images);
    if (!req.dryRun) {
      await runImagePlan(ctx, engine, images, { quietPull: req.quietPull, quietBuild: req.quietBuild, dockerConfig });
      observed = await observeFor(engine, ctx, services);
    }
  }
  const proxyEnv = await readProxyEnvironment(engine, (message) => ctx.sink({ type: 'warning', message }), dockerConfig);
  const plan = reconcile(ctx.project, observed, { ...req, proxyEnv });
  plans.push(plan);
  if (!req.dryRun) {
    await executePlan(plan, engine, ctx.sink, { concurrency: ctx.parallel, signal: ctx.signal });
    if (!plan.nodes.length && !images.nodes.length) {
      const n = observed.containers.filter((c) => services.has(c.labels[Label.service] ?? '')).length;
      ctx.sink({ type: 'info', message: `nothing changed: ${n} container${n === 1 ? '' : 's'} up to date` });
    }
  }
  return { plans, text: plans.map(formatPlan).join('\n') };
}
