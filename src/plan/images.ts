// Which images to pull, build or push, decided from the project, what the engine has, and the
// command's options. Pure: the clock comes in as `now`, the environment through the project.
import type { BuildOptions } from '../engine/types.js';
import { ConfigError } from '../errors.js';
import type { Project, Service } from '../model/types.js';
import type { ObservedState } from '../state/observe.js';
import { Label } from '../state/labels.js';
import { PlanBuilder } from './builder.js';
import { imageRef, ulimits } from './container-spec.js';
import type { Operation, Plan } from './types.js';

export type PullOverride = 'always' | 'missing' | 'never' | 'build';

export interface ImageOptions {
  /** up --build: build every service that has a build section. */
  readonly build?: boolean;
  /** up --no-build: never build, even if the image is missing. */
  readonly noBuild?: boolean;
  /** up --pull: overrides each service's pull_policy. */
  readonly pull?: PullOverride;
  /** Milliseconds since the epoch, for daily/weekly/every_<duration> policies. */
  readonly now?: number;
  /** --build-arg KEY=VALUE from the command line; wins over the file's args. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** build --no-cache */
  readonly noCache?: boolean;
  /** build --pull: always try to pull a newer version of the base images. */
  readonly pullBase?: boolean;
}

type BuildOp = Extract<Operation, { kind: 'image.build' }>;

/** A pull_policy as written, understood. */
export type PullPolicy =
  | { readonly kind: 'always' | 'never' | 'missing' | 'build' }
  | { readonly kind: 'refresh'; readonly everyMs: number };

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parsePullPolicy(service: string, raw: string | undefined): PullPolicy {
  const p = raw ?? 'missing';
  if (p === 'always' || p === 'never' || p === 'missing' || p === 'build') return { kind: p };
  if (p === 'if_not_present') return { kind: 'missing' };
  if (p === 'daily') return { kind: 'refresh', everyMs: UNITS.d! };
  if (p === 'weekly') return { kind: 'refresh', everyMs: UNITS.w! };
  const every = /^every_(.+)$/.exec(p);
  if (every) {
    const parts = [...every[1]!.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
    const total = parts.reduce((sum, m) => sum + Number(m[1]) * UNITS[m[2]!]!, 0);
    if (parts.map((m) => m[0]).join('') === every[1] && total > 0) return { kind: 'refresh', everyMs: total };
  }
  throw new ConfigError(
    `service ${service}: invalid pull_policy ${JSON.stringify(p)}: use always, never, missing, if_not_present, build, daily, weekly or every_<duration> (e.g. every_12h)`,
  );
}

/** The image was pulled (or tagged) longer ago than the policy allows. */
function stale(policy: PullPolicy, image: { created: number; lastTagTime?: number }, now: number): boolean {
  if (policy.kind !== 'refresh') return false;
  const since = (image.lastTagTime ?? image.created) * 1000;
  return now - since >= policy.everyMs;
}

/** Services grouped by the image they run: one pull or build per image. */
function byImage(project: Project, services: Iterable<string>): Map<string, Service[]> {
  const groups = new Map<string, Service[]>();
  for (const name of [...services].sort()) {
    const s = project.services[name];
    if (!s) continue;
    const ref = imageRef(project, s);
    groups.set(ref, [...(groups.get(ref) ?? []), s]);
  }
  return groups;
}

const isRemote = (context: string): boolean => /^(https?:\/\/|git@|git:\/\/|github\.com\/|ssh:\/\/)/.test(context) || /\.git(#.*)?$/.test(context);
/** A list or map with something in it. */
export const nonEmpty = (x: unknown): boolean => (Array.isArray(x) ? x.length > 0 : x !== undefined && x !== null && typeof x === 'object' && Object.keys(x).length > 0);

/** The build of one service's image, with everything the engine's classic builder needs. */
export function buildOperation(project: Project, s: Service, options: ImageOptions = {}): BuildOp {
  const b = s.build;
  if (!b) throw new ConfigError(`service ${s.name} has no build section`);
  const ref = imageRef(project, s);
  const fail = (what: string): never => {
    throw new ConfigError(`service ${s.name}: ${what}`);
  };
  if (isRemote(b.context)) fail(`remote build context ${b.context} is not supported: clone it and point build.context at the directory`);
  // This engine builds with the classic builder (no BuildKit): these need BuildKit's session.
  const buildkitOnly = ['ssh', 'secrets', 'additional_contexts', 'cache_to', 'entitlements', 'no_cache_filter'] as const;
  for (const key of buildkitOnly) {
    const v = b[key];
    if (typeof v === 'string' ? v !== '' : nonEmpty(v)) fail(`build.${key} needs BuildKit, which this engine's classic builder does not have; remove build.${key} or build the image with docker buildx`);
  }
  // Attestations and the security.insecure entitlement are BuildKit's too; false asks for nothing.
  for (const key of ['privileged', 'provenance', 'sbom'] as const) {
    const v = b[key];
    if (v !== undefined && v !== false && v !== 'false' && v !== '') fail(`build.${key} needs BuildKit, which this engine's classic builder does not have; remove build.${key} or build the image with docker buildx`);
  }
  const platforms = b.platforms ?? [];
  const servicePlatform = typeof s.platform === 'string' ? s.platform : undefined;
  if (platforms.length > 1) fail(`build.platforms lists ${platforms.length} platforms: building for several platforms needs BuildKit`);
  if (servicePlatform && platforms.length && !platforms.includes(servicePlatform)) {
    fail(`platform ${servicePlatform} is not among build.platforms (${platforms.join(', ')})`);
  }
  const platform = servicePlatform ?? platforms[0];

  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(b.args ?? {})) {
    // `args: [KEY]` without a value takes it from the environment, or is left out.
    const value = v ?? project.environment[k];
    if (value !== undefined) args[k] = value;
  }
  Object.assign(args, options.buildArgs ?? {});

  const extraHosts = Object.entries(b.extra_hosts ?? {}).flatMap(([host, ips]) => (Array.isArray(ips) ? ips : [ips]).map((ip) => `${host}:${ip}`));
  const tags = [...new Set([ref, ...(b.tags ?? [])])];
  const opts: BuildOptions = {
    tags,
    ...(Object.keys(args).length ? { buildargs: args } : {}),
    ...(b.target ? { target: b.target } : {}),
    labels: { ...(b.labels ?? {}), [Label.project]: project.name, [Label.service]: s.name },
    ...(b.network ? { networkmode: b.network } : {}),
    ...(extraHosts.length ? { extrahosts: extraHosts } : {}),
    ...(b.shm_size !== undefined ? { shmsize: Number(b.shm_size) } : {}),
    ...(b.cache_from?.length ? { cachefrom: [...b.cache_from] } : {}),
    ...(b.no_cache || options.noCache ? { nocache: true } : {}),
    ...(b.pull || options.pullBase ? { pull: true } : {}),
    ...(b.isolation ? { isolation: b.isolation } : {}),
    ...(b.ulimits ? { ulimits: ulimits(b.ulimits) } : {}),
    ...(platform ? { platform } : {}),
  };
  const dockerfilePath = b.dockerfile === undefined ? undefined : b.dockerfile.startsWith('/') ? b.dockerfile : `${b.context.replace(/\/$/, '')}/${b.dockerfile}`;
  return {
    kind: 'image.build',
    service: s.name,
    context: b.context,
    options: opts,
    ...(dockerfilePath ? { dockerfilePath } : {}),
    ...(b.dockerfile_inline !== undefined ? { dockerfileInline: b.dockerfile_inline } : {}),
  };
}

/** What `up`/`create`/`run` must pull or build before containers can be created. */
export function planImages(project: Project, observed: ObservedState, services: Iterable<string>, options: ImageOptions = {}): Plan {
  const plan = new PlanBuilder();
  const now = options.now ?? 0;
  for (const [ref, group] of byImage(project, services)) {
    const builder = group.find((s) => s.build);
    const image = observed.images.get(ref);
    const present = image !== undefined;
    const who = group.map((s) => s.name).join(', ');
    if (builder) {
      const written = builder.pull_policy;
      const policy = options.pull ? { kind: options.pull } : parsePullPolicy(builder.name, written);
      if (options.noBuild) {
        if (present && policy.kind !== 'always') continue;
        if (!builder.image) throw new ConfigError(`service ${builder.name}: image ${ref} is not present and --no-build forbids building it`);
        plan.add(`image:${ref}`, { kind: 'image.pull', ref }, `image ${ref}`, present ? 'pull policy always' : 'missing, --no-build');
        continue;
      }
      // The build is planned (and its settings checked) only when it will run: a present image
      // is used as it is, whatever its build section asks for.
      if (options.build || policy.kind === 'build') {
        plan.add(`image:${ref}`, buildOperation(project, builder, options), `image ${ref}`, options.build ? '--build' : 'pull policy build');
      } else if (!present || policy.kind === 'always' || (image && stale(policy, image, now))) {
        // image + build: docker compose pulls first and builds if that fails, unless pulling is off.
        const pullFirst = builder.image && policy.kind !== 'never' ? ref : undefined;
        plan.add(`image:${ref}`, { ...buildOperation(project, builder, options), ...(pullFirst ? { pullFirst } : {}) }, `image ${ref}`, present ? 'pull policy' : 'missing');
      }
      continue;
    }
    const first = group[0]!;
    const policy = options.pull && options.pull !== 'build' ? { kind: options.pull } : parsePullPolicy(first.name, first.pull_policy);
    if (policy.kind === 'build') throw new ConfigError(`service ${first.name}: pull_policy is build but the service has no build section`);
    if (policy.kind === 'never') {
      if (!present) throw new ConfigError(`service ${who}: image ${ref} is not present locally and the pull policy is never`);
      continue;
    }
    if (!present) plan.add(`image:${ref}`, { kind: 'image.pull', ref, ...platformOf(first) }, `image ${ref}`, 'missing');
    else if (policy.kind === 'always') plan.add(`image:${ref}`, { kind: 'image.pull', ref, ...platformOf(first) }, `image ${ref}`, 'pull policy always');
    else if (stale(policy, image, now)) plan.add(`image:${ref}`, { kind: 'image.pull', ref, ...platformOf(first) }, `image ${ref}`, `pull policy ${first.pull_policy}`);
  }
  return plan.build();
}

const platformOf = (s: Service): { platform?: string } => (typeof s.platform === 'string' ? { platform: s.platform } : {});

/** `tcompose build`: every selected service with a build section, one build per image. */
export function planBuild(project: Project, services: Iterable<string>, options: ImageOptions = {}): Plan {
  const plan = new PlanBuilder();
  for (const [ref, group] of byImage(project, services)) {
    const builder = group.find((s) => s.build);
    if (builder) plan.add(`image:${ref}`, buildOperation(project, builder, options), `image ${ref}`, 'build');
  }
  return plan.build();
}

export interface PullPlanOptions {
  /** pull --policy: missing pulls only absent images; always (default) pulls all. */
  readonly policy?: 'always' | 'missing';
  /** pull --ignore-buildable: skip services that can be built. */
  readonly ignoreBuildable?: boolean;
}

/** `tcompose pull`: images of the selected services (those with build only when they name an image). */
export function planPull(project: Project, observed: ObservedState, services: Iterable<string>, options: PullPlanOptions = {}): Plan {
  const plan = new PlanBuilder();
  const warnings: string[] = [];
  for (const [ref, group] of byImage(project, services)) {
    const first = group[0]!;
    const buildable = group.some((s) => s.build);
    if (buildable && (options.ignoreBuildable || !group.some((s) => s.image))) continue;
    const written = group.find((s) => s.pull_policy)?.pull_policy;
    const policy = parsePullPolicy(first.name, written);
    if (policy.kind === 'never' || policy.kind === 'build') {
      warnings.push(`service ${first.name}: not pulling ${ref} (pull_policy ${written})`);
      continue;
    }
    if (options.policy === 'missing' && observed.images.get(ref)) continue;
    plan.add(`image:${ref}`, { kind: 'image.pull', ref, ...platformOf(first) }, `image ${ref}`, buildable ? 'pull (buildable)' : 'pull');
  }
  for (const w of warnings) plan.warn(w);
  return plan.build();
}

/** `tcompose push`: images of services that are built and name an image. */
export function planPush(project: Project, services: Iterable<string>): Plan {
  const plan = new PlanBuilder();
  for (const [ref, group] of byImage(project, services)) {
    const s = group.find((x) => x.build && x.image);
    if (!s) continue;
    for (const tag of [ref, ...(s.build?.tags ?? [])]) {
      if (plan.has(`push:${tag}`)) continue;
      plan.add(`push:${tag}`, { kind: 'image.push', ref: tag }, `image ${tag}`, 'push');
    }
  }
  return plan.build();
}
