// reconcile(): the pure planner behind `up` (and `create`). Compares the project with what the
// engine has and plans only what diverged.
import { checkServices } from '../graph/services.js';
import type { ContainerCreateBody, ContainerSummary } from '../engine/types.js';
import type { Project, Service } from '../model/types.js';
import { activeDependencies, dependenciesOf, withDependencies, type Dependency } from '../graph/dependencies.js';
import { Label } from '../state/labels.js';
import { changedFields, configHash, contentDigest, fieldDigests } from '../state/hash.js';
import { containersOfService, isUp, type ObservedState } from '../state/observe.js';
import { containerNumber } from '../state/containers.js';
import { ConfigError } from '../errors.js';
import { PlanBuilder, containerRef } from './builder.js';
import { addOrphans } from './down.js';
import { containerName, containerSpec, imageRef, serviceNetworks } from './container-spec.js';
import { addResources } from './resources-plan.js';
import { postStartOf, preStopOf } from './hooks.js';
import type { CarriedVolume, Plan, WaitCondition } from './types.js';

export interface UpOptions {
  /** Services named on the command line (empty: all). Their dependencies come too unless noDeps. */
  readonly services?: readonly string[];
  readonly noDeps?: boolean;
  readonly forceRecreate?: boolean;
  readonly noRecreate?: boolean;
  readonly alwaysRecreateDeps?: boolean;
  readonly noStart?: boolean;
  readonly scale?: Readonly<Record<string, number>>;
  readonly removeOrphans?: boolean;
  readonly renewAnonVolumes?: boolean;
  /** Stop timeout (seconds) for containers being replaced or removed. */
  readonly timeout?: number;
  /** up --wait: every started service must become ready (healthy, or running). */
  readonly wait?: boolean;
  readonly waitTimeoutMs?: number;
  /** HTTP_PROXY & co. for the containers created (state/proxies.ts). Not part of the config hash, as in docker compose. */
  readonly proxyEnv?: Readonly<Record<string, string>>;
  /** -y: recreate our volumes whose settings changed, and the containers using them (their data is lost). */
  readonly recreateVolumes?: boolean;
}

/** How many containers a service should have. */
export function desiredScale(service: Service, options: UpOptions): number {
  const fromCli = options.scale?.[service.name];
  if (fromCli !== undefined) return fromCli;
  if (service.scale !== undefined) return service.scale;
  const replicas = (service.deploy as { replicas?: number } | undefined)?.replicas;
  return replicas ?? 1;
}

/** The services an `up` acts on. */
export function selectServices(project: Project, options: Pick<UpOptions, 'services' | 'noDeps'>): Set<string> {
  const named = options.services?.length ? options.services : Object.keys(project.services);
  checkServices(project, named);
  return options.noDeps ? new Set(named) : withDependencies(project, named);
}

/** Why an existing container no longer matches its service, or undefined when it does. */
function divergence(c: ContainerSummary, expectedHash: string, digests: string, content: string | undefined, imageId: string | undefined, networks: readonly string[]): string | undefined {
  if (c.labels[Label.configHash] !== expectedHash) {
    const fields = changedFields(c.labels[Label.fieldDigests], digests);
    return fields.length ? `config changed: ${fields.join(', ')}` : 'config changed';
  }
  // Compared only when both sides are known: a container from another tool has no such label.
  const had = c.labels[Label.contentDigest];
  if (had !== undefined && content !== undefined && had !== content) {
    const objects = changedFields(had || undefined, content);
    return `content changed: ${objects.length ? objects.join(', ') : 'secrets/configs'}`;
  }
  if (imageId && c.labels[Label.image] && c.labels[Label.image] !== imageId) return 'image changed';
  // Stopped or never started too: a container whose wiring failed half-way must not be started as it is.
  const missing = networks.filter((n) => !c.networks.includes(n));
  if (missing.length) return `network missing: ${missing.join(', ')}`;
  return undefined;
}

/**
 * The anonymous volumes of `old` its successor keeps: those at a target the new body does not
 * mount otherwise (an anonymous volume of the service, or of the image, is not "otherwise").
 */
export function carriedVolumes(body: ContainerCreateBody, old: ContainerSummary): CarriedVolume[] {
  const host = (body.HostConfig ?? {}) as { Mounts?: { Target: string }[]; Binds?: string[] };
  const taken = new Set<string>([...(host.Mounts ?? []).map((m) => m.Target), ...(host.Binds ?? []).map((b) => b.split(':')[1] ?? '')]);
  return old.mounts
    .filter((m) => m.type === 'volume' && m.name && /^[0-9a-f]{64}$/.test(m.name) && !taken.has(m.destination))
    .map((m) => ({ name: m.name!, target: m.destination }));
}

const cid = (name: string): string => `container:${name}`;

export function reconcile(project: Project, observed: ObservedState, options: UpOptions = {}): Plan {
  if (options.noRecreate && (options.forceRecreate || options.alwaysRecreateDeps)) {
    throw new ConfigError('--no-recreate cannot be combined with --force-recreate or --always-recreate-deps');
  }
  const plan = new PlanBuilder();
  const selected = selectServices(project, options);
  const named = new Set(options.services?.length ? options.services : Object.keys(project.services));
  const order = [...selected].sort();

  // Networks and volumes the selected services use.
  const { networks: networkNode, volumes: volumeNode, changedNetworks, removedVolumes } = addResources(plan, project, observed, order, { recreateVolumes: options.recreateVolumes });

  // Which containers each service should have, by name (links, volumes_from, service: modes use them).
  const scale = new Map(order.map((n) => [n, desiredScale(project.services[n]!, options)]));
  const desiredNames = (service: string): string[] => {
    const s = project.services[service];
    if (!s) return [];
    const count = scale.get(service) ?? desiredScale(s, options);
    return Array.from({ length: count }, (_, i) => containerName(project, s, i + 1));
  };
  // Services recreated whatever their containers look like, with the reason why.
  // --force-recreate applies to the services asked for; their dependencies only with --always-recreate-deps.
  const forced = new Map<string, string>(options.forceRecreate ? order.filter((n) => named.has(n)).map((n) => [n, 'forced']) : []);
  if (options.alwaysRecreateDeps) {
    for (const n of named) for (const d of dependenciesOf(project.services[n]!)) if (selected.has(d.service) && !forced.has(d.service)) forced.set(d.service, 'dependency of a recreated service');
  }
  for (const name of order) {
    const s = project.services[name]!;
    const changed = s.network_mode ? [] : serviceNetworks(s).map(([k]) => k).filter((k) => changedNetworks.has(k));
    if (changed.length && !forced.has(name)) forced.set(name, `network changed: ${changed.map((k) => project.networks[k]!.name).join(', ')}`);
  }

  // One-shots other services wait on with service_completed_successfully: once one exited 0 it
  // has done its job; a later `up` leaves it be (unless it is recreated or named on the command line).
  const completedDeps = new Set(order.flatMap((n) => activeDependencies(project, project.services[n]!).filter((d) => d.condition === 'service_completed_successfully').map((d) => d.service)));
  for (const n of options.services ?? []) completedDeps.delete(n);

  // Per service: create / recreate / start / scale down; remember node ids for edges.
  const createNodes = new Map<string, string[]>(); // service → create/recreate node ids
  const startNodes = new Map<string, string[]>(); // service → start node ids
  const recreated = new Set<string>(); // services with at least one recreated container
  for (const name of order) {
    const s = project.services[name]!;
    const hash = configHash(s);
    const digests = fieldDigests(s);
    const content = contentDigest(project, s, observed.files);
    const ref = imageRef(project, s);
    const imageId = observed.images.get(ref)?.id;
    const existing = containersOfService(observed, name);
    const want = scale.get(name)!;
    const expectedNetworks = s.network_mode ? [] : serviceNetworks(s).map(([k]) => project.networks[k]?.name ?? k);
    const creates: string[] = [];
    const starts: string[] = [];
    const byNumber = new Map<number, ContainerSummary>();
    // Volumes of this service being recreated (-y): their containers go first, and come back new.
    const goneKeys = (s.volumes ?? []).flatMap((v) => (v.type === 'volume' && v.source && removedVolumes.has(v.source) ? [v.source] : []));
    const volumeRemovals = goneKeys.map((k) => removedVolumes.get(k)!);
    const goneReason = `volume ${goneKeys.map((k) => project.volumes[k]!.name).join(', ')} recreated`;
    /** Stops (when up) and removes a container; a volume being recreated waits for it. */
    const removeOld = (c: ContainerSummary, reason: string): void => {
      const stop = isUp(c)
        ? plan.add(`stop:${c.name}`, { kind: 'container.stop', container: containerRef(c), timeout: options.timeout, ...(c.state === 'running' ? preStopOf(s) : {}) }, `container ${c.name}`, reason)
        : undefined;
      const rm = plan.add(`remove:${c.name}`, { kind: 'container.remove', container: containerRef(c), force: true, volumes: false }, `container ${c.name}`, reason);
      plan.edge(stop, rm);
      for (const r of volumeRemovals) plan.edge(rm, r);
    };
    for (const c of existing) {
      const num = containerNumber(c);
      if (num >= 1 && num <= want && !byNumber.has(num)) byNumber.set(num, c);
      // Scaled down (or a duplicate number): highest numbers go first, the ones kept are untouched.
      else removeOld(c, 'scaled down');
    }
    for (let num = 1; num <= want; num++) {
      const cname = containerName(project, s, num);
      const spec = containerSpec({ project, service: s, number: num, name: cname, configHash: hash, imageId, containersOf: desiredNames, proxyEnv: options.proxyEnv });
      spec.body.Labels![Label.fieldDigests] = digests;
      if (content !== undefined) spec.body.Labels![Label.contentDigest] = content;
      let current = byNumber.get(num);
      let node: string | undefined;
      let startReason: string | undefined;
      // The engine removes no volume a container still has: this one goes before, its
      // successor is created after the new volume.
      const replaced = current !== undefined && volumeRemovals.length > 0;
      if (current && replaced) {
        removeOld(current, goneReason);
        recreated.add(name);
        current = undefined;
      }
      if (!current) {
        node = plan.add(cid(cname), { kind: 'container.create', container: { name: cname, service: name }, body: spec.body, extraNetworks: spec.extraNetworks, ...(spec.files.length ? { files: spec.files } : {}) }, `container ${cname}`, replaced ? goneReason : 'missing');
        startReason = 'created';
      } else {
        const why = forced.get(name) ?? (options.noRecreate ? undefined : divergence(current, hash, digests, content, imageId, expectedNetworks));
        if (why) {
          const carry = options.renewAnonVolumes ? [] : carriedVolumes(spec.body, current);
          node = plan.add(cid(cname), {
            kind: 'container.recreate',
            container: { name: cname, service: name, id: current.id },
            body: spec.body,
            extraNetworks: spec.extraNetworks,
            timeout: options.timeout,
            carry,
            ...(spec.files.length ? { files: spec.files } : {}),
            ...(current.state === 'running' ? preStopOf(s) : {}),
          }, `container ${cname}`, carry.length ? `${why}; anonymous volumes kept: ${carry.map((v) => v.target).join(', ')}` : why);
          recreated.add(name);
          startReason = 'recreated';
        } else if (current.state === 'exited' && completedDeps.has(name) && /^Exited \(0\)/.test(current.status)) {
          // Completed successfully before: nothing to start, its waiters pass at once.
        } else if (current.state !== 'running' && current.state !== 'restarting' && current.state !== 'paused') {
          startReason = current.state === 'created' ? 'created' : `was ${current.state}`;
        }
      }
      if (node) creates.push(node);
      if (startReason && !options.noStart) {
        const start = plan.add(`start:${cname}`, { kind: 'container.start', container: { name: cname, service: name, id: current?.id }, ...postStartOf(s) }, `container ${cname}`, startReason);
        plan.edge(node, start);
        starts.push(start);
      }
      // Networks and volumes before the container that uses them.
      for (const n of expectedNetworks) plan.edge(networkNode.get(n), node);
      for (const v of s.volumes ?? []) if (v.type === 'volume' && v.source) plan.edge(volumeNode.get(v.source), node);
    }
    createNodes.set(name, creates);
    startNodes.set(name, starts);
  }

  // depends_on restart: true — a dependency that was recreated restarts its dependents.
  for (const name of order) {
    const s = project.services[name]!;
    const restartFor = activeDependencies(project, s).filter((d) => d.restart && recreated.has(d.service));
    if (!restartFor.length || recreated.has(name) || options.noStart) continue;
    for (const c of containersOfService(observed, name)) {
      // A container being scaled down is removed, not restarted (both at once would race).
      if (c.state !== 'running' || plan.has(`remove:${c.name}`) || (startNodes.get(name) ?? []).includes(`start:${c.name}`)) continue;
      const node = plan.add(`restart:${c.name}`, { kind: 'container.restart', container: containerRef(c), timeout: options.timeout, ...preStopOf(s), ...postStartOf(s) }, `container ${c.name}`, `dependency ${restartFor.map((d) => d.service).join(', ')} recreated`);
      for (const d of restartFor) for (const sn of startNodes.get(d.service) ?? []) plan.edge(sn, node);
      (startNodes.get(name) ?? []).push(node);
    }
  }

  // Order: link-like dependencies need the other container to exist at create time; every
  // dependency must be started (and meet its condition) before a dependent starts.
  const waits = new Map<string, string>();
  const waitNode = (dep: string, condition: WaitCondition): string => {
    const key = `${dep}:${condition}`;
    let id = waits.get(key);
    if (!id) {
      id = plan.add(`wait:${key}`, { kind: 'service.wait', service: dep, condition, containers: desiredNames(dep), timeoutMs: options.waitTimeoutMs }, `service ${dep}`, condition.replace(/^service_/, ''));
      waits.set(key, id);
      for (const n of [...(createNodes.get(dep) ?? []), ...(startNodes.get(dep) ?? [])]) plan.edge(n, id);
    }
    return id;
  };
  for (const name of order) {
    const s = project.services[name]!;
    const deps: Dependency[] = activeDependencies(project, s).filter((d) => selected.has(d.service));
    for (const d of deps) {
      if (d.kind !== 'depends_on') for (const a of createNodes.get(d.service) ?? []) for (const b of createNodes.get(name) ?? []) plan.edge(a, b);
      const mine = startNodes.get(name) ?? [];
      if (!mine.length) continue;
      if (d.condition === 'service_started') {
        for (const a of [...(createNodes.get(d.service) ?? []), ...(startNodes.get(d.service) ?? [])]) for (const b of mine) plan.edge(a, b);
      } else {
        const w = waitNode(d.service, d.condition);
        for (const b of mine) plan.edge(w, b);
      }
    }
  }
  if (options.wait && !options.noStart) {
    for (const name of order) if (desiredNames(name).length) waitNode(name, 'ready');
  }

  addOrphans(plan, project, observed, options.removeOrphans ?? false, options.timeout);
  return plan.build();
}
