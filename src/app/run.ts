// run: a one-off container of a service (`<project>-<service>-run-<id>`, labelled oneoff),
// its dependencies started first, attached to our stdio; its exit code is the result.
import { NoSuchServiceError } from '../errors.js';
import { randomBytes } from 'node:crypto';
import type { ContainerSummary, Engine } from '../engine/types.js';
import type { Project, Service, ServicePort, ServiceVolume } from '../model/types.js';
import { EngineError, TcomposeError, UsageError } from '../errors.js';
import { executePlan } from '../exec/execute.js';
import { createContainer } from '../exec/containers.js';
import { waitFor } from '../exec/wait.js';
import { activeDependencies, withDependencies } from '../graph/dependencies.js';
import { parsePortSpec } from '../loader/normalize.js';
import { isHostPath, resolvePath } from '../loader/paths.js';
import { containerSpec, imageRef } from '../plan/container-spec.js';
import { planImages } from '../plan/images.js';
import { planResources } from '../plan/resources-plan.js';
import { configHash } from '../state/hash.js';
import { Label } from '../state/labels.js';
import { observe } from '../state/observe.js';
import { followSize, processStdio, terminalSize, wireStream, type Stdio } from '../ui/tty.js';
import { onAbort } from './abort.js';
import type { AppContext } from './context.js';
import { up } from './up.js';
import { runImagePlan } from './build.js';
import { checkCapabilities } from './capabilities.js';
import { readProxyEnvironment } from '../state/proxies.js';

export interface RunRequest {
  readonly service: string;
  /** Replaces the service's command when non-empty. */
  readonly command?: readonly string[];
  readonly detach?: boolean;
  readonly rm?: boolean;
  readonly name?: string;
  /** Replaces the entrypoint ([] clears it). */
  readonly entrypoint?: readonly string[];
  readonly env?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly user?: string;
  readonly workdir?: string;
  /** -v in short syntax. */
  readonly volumes?: readonly string[];
  /** -p in short syntax. */
  readonly publish?: readonly string[];
  /** Publish the service's own ports (otherwise none are). */
  readonly servicePorts?: boolean;
  /** Keep the service's network aliases. */
  readonly useAliases?: boolean;
  readonly tty?: boolean;
  /** Attach stdin (default true). */
  readonly interactive?: boolean;
  readonly noDeps?: boolean;
  readonly build?: boolean;
  readonly pull?: 'always' | 'missing' | 'never';
  readonly capAdd?: readonly string[];
  readonly capDrop?: readonly string[];
  readonly removeOrphans?: boolean;
  readonly quietPull?: boolean;
  readonly quietBuild?: boolean;
  readonly io?: Stdio;
}

export interface RunResult {
  readonly name: string;
  readonly id: string;
  /** undefined with detach. */
  readonly exitCode?: number;
}

export async function run(ctx: AppContext, req: RunRequest): Promise<RunResult> {
  const { project } = ctx;
  const base = project.services[req.service];
  if (!base) throw new NoSuchServiceError(req.service);
  const engine = await ctx.engine();
  const service = oneOffService(project, base, req);
  // The one-off as it will run (with its command-line overrides), checked like `up` checks its
  // services, before its dependencies are started or anything is created.
  await checkCapabilities(engine, { ...project, services: { ...project.services, [service.name]: service } }, [service.name]);

  if (!req.noDeps) await startDependencies(ctx, engine, base, req);
  await ensureResources(ctx, engine, service, req);

  const slug = randomBytes(32).toString('hex');
  const name = req.name ?? `${project.name}-${base.name}-run-${slug.slice(0, 12)}`;
  const observed = await observe(engine, project, { images: [imageRef(project, service)], networks: false, volumes: false });
  const spec = containerSpec({
    project,
    service,
    number: 1,
    name,
    configHash: configHash(service),
    imageId: observed.images.get(imageRef(project, service))?.id,
    oneoff: true,
    slug,
    containersOf: (svc) => running(observed.containers, svc),
    proxyEnv: await readProxyEnvironment(engine, (message) => ctx.sink({ type: 'warning', message })),
  });
  const tty = Boolean(req.tty) && !req.detach;
  const stdin = (req.interactive ?? true) && !req.detach;
  const body = { ...spec.body, Tty: tty, OpenStdin: stdin, StdinOnce: stdin, AttachStdin: stdin, AttachStdout: !req.detach, AttachStderr: !req.detach };
  // --rm: the engine removes the one-off once it exits, as docker compose has it, so it goes
  // even when tcompose itself is killed (a second Ctrl-C exits at once).
  if (req.rm) body.HostConfig = { ...body.HostConfig, AutoRemove: true };
  if (!req.useAliases) {
    for (const ep of Object.values(body.NetworkingConfig?.EndpointsConfig ?? {})) delete ep.Aliases;
    for (const n of spec.extraNetworks) delete n.endpoint.Aliases;
  }
  if (ctx.signal?.aborted) throw ctx.signal.reason;
  const id = await createContainer(engine, name, body, spec.extraNetworks);
  // Until it ran: a one-off that never started is not left behind (AutoRemove acts on exits only).
  let started = false;
  const remove = async (): Promise<void> => {
    if (req.rm && !started) await engine.removeContainer(id, { force: true, volumes: true }).catch(() => {});
  };

  if (req.detach) {
    try {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      await engine.startContainer(id);
      started = true;
    } finally {
      await remove();
    }
    return { name, id };
  }

  const io = req.io ?? processStdio();
  let attached: Awaited<ReturnType<Engine['attachContainer']>> | undefined;
  let wiring: ReturnType<typeof wireStream> | undefined;
  let unfollow = (): void => {};
  // Ctrl-C stops the one-off (its exit code is then the result); one pressed before it started
  // means it never starts.
  let interrupted = false;
  const unsubscribe = onAbort(ctx.signal, () => {
    interrupted = true;
    if (started) void engine.stopContainer(id).catch(() => {});
  });
  try {
    attached = await engine.attachContainer(id, { stdin });
    wiring = wireStream(attached.duplex, io, { tty, multiplexed: attached.multiplexed, stdin });
    if (interrupted) throw ctx.signal?.reason;
    const since = Math.floor(Date.now() / 1000) - 1;
    await engine.startContainer(id);
    started = true;
    if (interrupted) void engine.stopContainer(id).catch(() => {});
    const size = tty ? terminalSize(io.stdout) : undefined;
    if (size) await engine.resizeContainer(id, size.rows, size.cols).catch(() => {});
    if (tty) unfollow = followSize(io.stdout, (rows, cols) => void engine.resizeContainer(id, rows, cols).catch(() => {}));
    // Waiting after the start (a 'next-exit' wait sent alongside it could be registered after
    // a quick exit and never return): 'not-running' returns at once for an exited container,
    // and with --rm 'removed' returns once the engine has removed it (nothing left on return).
    const exitCode = await exitCodeOf(engine, id, req.rm ? 'removed' : 'not-running', since);
    // Output still in flight after the exit; the engine closes the stream once it is written.
    await Promise.race([wiring.done, new Promise((r) => setTimeout(r, 2000))]);
    return { name, id, exitCode };
  } finally {
    unfollow();
    wiring?.release();
    attached?.duplex.destroy();
    unsubscribe();
    await remove();
  }
}

/**
 * The one-off's exit code. With AutoRemove the engine may have removed it before the wait
 * arrives (a 404): its `die` event, replayed from `since`, still says how it ended.
 */
async function exitCodeOf(engine: Engine, id: string, condition: 'not-running' | 'removed', since: number): Promise<number> {
  try {
    return await engine.waitContainer(id, condition);
  } catch (err) {
    if ((err as EngineError).statusCode !== 404) throw err;
  }
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 5000);
  try {
    for await (const e of engine.events({ containers: [id], types: ['container'], since }, stop.signal)) {
      if (e.action === 'die') return Number(e.attributes.exitCode ?? 0);
    }
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  throw new TcomposeError(`the exit code of ${id.slice(0, 12)} is unknown: it was removed before it could be read`);
}

const running = (containers: readonly ContainerSummary[], service: string): string[] =>
  containers.filter((c) => c.labels[Label.service] === service && c.state === 'running').map((c) => c.name);

/**
 * The service as this run wants it: the command line's overrides on top of the file
 * (docker compose's prepareRun / applyRunOptions).
 */
export function oneOffService(project: Project, s: Service, req: RunRequest): Service {
  const env: Record<string, string | null> = { ...(s.environment ?? {}) };
  for (const e of req.env ?? []) {
    const i = e.indexOf('=');
    if (i < 0) env[e] = null;
    else env[e.slice(0, i)] = e.slice(i + 1);
  }
  const ports: ServicePort[] = req.servicePorts ? [...(s.ports ?? [])] : [];
  for (const p of req.publish ?? []) {
    const parsed = parsePortSpec(p);
    if (typeof parsed === 'string') throw new UsageError(`invalid -p/--publish value ${JSON.stringify(p)}: ${parsed}`);
    ports.push(...parsed);
  }
  const capAdd = req.capAdd ?? [];
  const capDrop = req.capDrop ?? [];
  const caps = (list: unknown): string[] => (list as string[] | undefined) ?? [];
  // A one-off is never restarted by the engine (with or without --rm): its exit is the result.
  const deploy = s.deploy ? { ...s.deploy, restart_policy: undefined } : undefined;
  const service: Record<string, unknown> = {
    ...s,
    // A new entrypoint without a command drops the file's command (it was written for the old one).
    command: req.command?.length ? [...req.command] : req.entrypoint ? [] : s.command,
    entrypoint: req.entrypoint ? [...req.entrypoint] : s.entrypoint,
    environment: env,
    labels: { ...(s.labels ?? {}), ...(req.labels ?? {}) },
    user: req.user ?? s.user,
    working_dir: req.workdir ?? s.working_dir,
    volumes: [...(s.volumes ?? []), ...(req.volumes ?? []).map((v) => parseVolume(project, v))],
    ports,
    // --cap-add takes a capability out of cap_drop, and --cap-drop out of cap_add.
    cap_add: [...caps(s.cap_add).filter((c) => !capDrop.includes(c)), ...capAdd.filter((c) => !capDrop.includes(c))],
    cap_drop: [...caps(s.cap_drop).filter((c) => !capAdd.includes(c)), ...capDrop],
    container_name: undefined,
    restart: undefined,
    deploy,
  };
  return service as unknown as Service;
}

/** -v SOURCE:TARGET[:ro|rw] or TARGET (anonymous). */
function parseVolume(project: Project, spec: string): ServiceVolume {
  const parts = spec.split(':');
  if (parts.length === 1 && parts[0]) return { type: 'volume', target: parts[0] } as ServiceVolume;
  const [source, target, mode] = parts;
  if (!source || !target || parts.length > 3 || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) {
    throw new UsageError(`invalid -v/--volume value ${JSON.stringify(spec)}: use SOURCE:TARGET[:ro|rw]`);
  }
  const readOnly = mode === 'ro' ? { read_only: true } : {};
  if (isHostPath(source)) {
    return { type: 'bind', source: resolvePath(project.workingDir, source), target, bind: { create_host_path: true }, ...readOnly } as ServiceVolume;
  }
  return { type: 'volume', source, target, ...readOnly } as ServiceVolume;
}

/** `up` for the dependencies only, then wait for their depends_on conditions. */
async function startDependencies(ctx: AppContext, engine: Engine, service: Service, req: RunRequest): Promise<void> {
  const deps = [...withDependencies(ctx.project, [service.name])].filter((n) => n !== service.name);
  if (!deps.length) return;
  await up(ctx, { services: deps, noDeps: true, build: req.build, pull: req.pull, removeOrphans: req.removeOrphans, quietPull: req.quietPull, quietBuild: req.quietBuild });
  const observed = await observe(engine, ctx.project, { networks: false, volumes: false });
  for (const d of activeDependencies(ctx.project, service)) {
    if (d.kind !== 'depends_on' || d.condition === 'service_started') continue;
    const containers = observed.containers.filter((c) => c.labels[Label.service] === d.service).map((c) => c.name);
    await waitFor(engine, { service: d.service, condition: d.condition, containers, signal: ctx.signal });
  }
}

/** The networks, volumes and image the one-off needs (the service's own containers are left alone). */
async function ensureResources(ctx: AppContext, engine: Engine, service: Service, req: RunRequest): Promise<void> {
  const ref = imageRef(ctx.project, service);
  const project = { ...ctx.project, services: { ...ctx.project.services, [service.name]: service } };
  const observed = await observe(engine, project, { images: [ref] });
  // Missing ones only: a changed network stays, the service's own containers are on it.
  const resources = planResources(project, observed, [service.name], { recreateChanged: false });
  if (resources.nodes.length) await executePlan(resources, engine, ctx.sink, { concurrency: ctx.parallel, signal: ctx.signal });
  const images = planImages(project, observed, [service.name], { now: Date.now(), build: req.build, pull: req.pull });
  if (images.nodes.length) await runImagePlan(ctx, engine, images, { quietPull: req.quietPull, quietBuild: req.quietBuild });
}
