// build: build the images of services with a build section. Also the shared runner of image
// plans (pull/build/push) that up, pull and push use.
import type { Engine } from '../engine/types.js';
import { executePlan } from '../exec/execute.js';
import { buildImage, pullImage, pushImage } from '../exec/images.js';
import { formatPlan } from '../plan/format.js';
import { planBuild, type ImageOptions } from '../plan/images.js';
import { selectServices } from '../plan/up.js';
import type { Plan } from '../plan/types.js';
import { readDockerConfig, type DockerConfig } from '../state/credentials.js';
import type { AppContext } from './context.js';

export interface ImageRunOptions {
  readonly quietPull?: boolean;
  readonly quietBuild?: boolean;
  /** A failed pull is a warning, not an error (pull --ignore-pull-failures). */
  readonly ignorePullFailures?: boolean;
  readonly ignorePushFailures?: boolean;
  /** config.json, when the caller has read it already (up reads it once for this and its proxies). */
  readonly dockerConfig?: Promise<DockerConfig>;
}

/** Executes an image plan within --parallel, with the pull/build/push handlers. */
export async function runImagePlan(ctx: AppContext, engine: Engine, plan: Plan, options: ImageRunOptions = {}): Promise<void> {
  const dockerConfig = options.dockerConfig ?? readDockerConfig();
  dockerConfig.catch(() => undefined); // reported where it is awaited
  const tolerant = (ignore: boolean | undefined, fn: () => Promise<unknown>) => async (): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      if (!ignore) throw err;
      ctx.sink({ type: 'warning', message: (err as Error).message });
    }
  };
  await executePlan(plan, engine, ctx.sink, {
    concurrency: ctx.parallel,
    signal: ctx.signal,
    handlers: {
      'image.pull': (op, node) => tolerant(options.ignorePullFailures, () => pullImage(engine, op.ref, node, ctx.sink, { quiet: options.quietPull, dockerConfig }))(),
      'image.build': async (op, node) => {
        await buildImage(engine, op, node, ctx.sink, { quiet: options.quietBuild, dockerConfig });
      },
      'image.push': (op, node) => tolerant(options.ignorePushFailures, () => pushImage(engine, op.ref, node, ctx.sink, { quiet: options.quietPull, dockerConfig }))(),
    },
  });
}

export interface BuildRequest extends ImageOptions {
  readonly services?: readonly string[];
  /** build --with-dependencies: also build what the services depend on. */
  readonly withDependencies?: boolean;
  readonly quiet?: boolean;
  readonly dryRun?: boolean;
}

export interface BuildResult {
  readonly plan: Plan;
  readonly text: string;
}

export async function build(ctx: AppContext, req: BuildRequest = {}): Promise<BuildResult> {
  const services = selectServices(ctx.project, { services: req.services, noDeps: !req.withDependencies });
  const plan = planBuild(ctx.project, services, req);
  if (!req.dryRun && plan.nodes.length) {
    const engine = await ctx.engine();
    await runImagePlan(ctx, engine, plan, { quietBuild: req.quiet });
  }
  return { plan, text: formatPlan(plan) };
}
