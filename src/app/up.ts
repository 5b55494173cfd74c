// up / create: get the images, then converge networks, volumes and containers.
import type { Engine } from '../engine/types.js';
import { executePlan } from '../exec/execute.js';
import { runImagePlan } from './build.js';
import { formatPlan } from '../plan/format.js';
import { planImages, type ImageOptions } from '../plan/images.js';
import { imageRef } from '../plan/container-spec.js';
import type { Plan } from '../plan/types.js';
import { reconcile, selectServices, type UpOptions } from '../plan/up.js';
import { observe, type ObservedState } from '../state/observe.js';
import type { AppContext } from './context.js';
import { Label } from '../state/labels.js';
import { ConfigError } from '../errors.js';
import { unsupportedSettings } from '../plan/capabilities.js';

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
  return observe(engine, ctx.project, { images: refs, attachments: true });
}

const arch: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };

/** `platform:` must name the engine's own OS and architecture: API 1.41 cannot run others. */
async function checkPlatforms(engine: Engine, ctx: AppContext, services: Set<string>): Promise<void> {
  const wanted = [...services].map((n) => ctx.project.services[n]!).filter((s) => typeof s.platform === 'string');
  if (!wanted.length) return;
  const v = await engine.version();
  const own = `${v.os}/${arch[v.arch] ?? v.arch}`;
  for (const s of wanted) {
    const [os, cpu] = String(s.platform).toLowerCase().split('/');
    if (`${os}/${arch[cpu ?? ''] ?? cpu}` !== own) {
      throw new ConfigError(`service ${s.name}: platform ${String(s.platform)} cannot be honoured: the engine runs ${own} containers only`);
    }
  }
}

/** Settings this engine's API version cannot honour are errors, not silently dropped. */
async function checkSupported(engine: Engine, ctx: AppContext, services: Set<string>): Promise<void> {
  // Ask the engine only when some setting depends on its version.
  if (!unsupportedSettings(ctx.project, services, '0').length) return;
  const problems = unsupportedSettings(ctx.project, services, (await engine.version()).apiVersion);
  if (problems.length) throw new ConfigError(problems.map((message) => ({ message })));
}

export async function up(ctx: AppContext, req: UpRequest = {}): Promise<UpResult> {
  const engine = await ctx.engine();
  const services = selectServices(ctx.project, req);
  let observed = await observeFor(engine, ctx, services);
  const plans: Plan[] = [];
  const images = planImages(ctx.project, observed, services, { now: Date.now(), ...req });
  if (images.nodes.length) {
    plans.push(images);
    if (!req.dryRun) {
      await runImagePlan(ctx, engine, images, { quietPull: req.quietPull, quietBuild: req.quietBuild });
      observed = await observeFor(engine, ctx, services);
    }
  }
  await checkPlatforms(engine, ctx, services);
  await checkSupported(engine, ctx, services);
  const plan = reconcile(ctx.project, observed, req);
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
