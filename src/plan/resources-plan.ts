// planResources(): the networks and volumes some services need, planned against what the
// engine has. Pure; reconcile() builds on it and `run` uses it alone.
import type { NetworkSummary } from '../engine/types.js';
import type { Project } from '../model/types.js';
import { ConfigError, TcomposeError } from '../errors.js';
import { Label } from '../state/labels.js';
import type { ObservedState } from '../state/observe.js';
import { PlanBuilder, containerRef } from './builder.js';
import { serviceEndpoint, serviceNetworks } from './container-spec.js';
import { networkBody, volumeBody, volumeHash } from './resources.js';
import type { Plan } from './types.js';

export interface ResourceOptions {
  /**
   * Recreate a network of ours whose config changed (default true). Off for `run`, which
   * leaves the project's containers alone and so must not pull their network away.
   */
  readonly recreateChanged?: boolean;
  /**
   * up/create -y: recreate a volume of ours whose settings changed (its data is lost). The
   * caller removes the containers using it first (`removedVolumes`). Otherwise: a warning.
   */
  readonly recreateVolumes?: boolean;
}

/** Node ids of what addResources planned, for the edges of the containers that use them. */
export interface ResourceNodes {
  /** Engine network name → its create/recreate node. */
  readonly networks: ReadonlyMap<string, string>;
  /** Volume key → its create node. */
  readonly volumes: ReadonlyMap<string, string>;
  /** Keys of the networks recreated because their config changed. */
  readonly changedNetworks: ReadonlySet<string>;
  /** Volume key → the node removing it, for volumes recreated because their settings changed. */
  readonly removedVolumes: ReadonlyMap<string, string>;
}

/** Whether `exists`, the engine's network for declared network `key`, is ours and its config changed. */
function changed(project: Project, key: string, exists: NetworkSummary): boolean {
  const had = exists.labels[Label.configHash];
  // Only networks we created carry a config hash; one without (older tools) is left as it is.
  return exists.labels[Label.project] === project.name && !!had && had !== networkBody(project, key, project.networks[key]!).Labels?.[Label.configHash];
}

/**
 * The networks (engine names) an `up` would recreate because their config changed: the ones
 * whose attachments it must read first (observe's `attachments`), so a no-op `up` reads none.
 */
export function networksToRecreate(project: Project, observed: ObservedState): string[] {
  return Object.entries(project.networks).flatMap(([key, n]) => {
    const exists = n.external ? undefined : observed.networks.get(n.name);
    return exists && changed(project, key, exists) ? [n.name] : [];
  });
}

/**
 * Adds the network and volume nodes the given services need to `plan`. A recreated network
 * takes every container off it: the containers of services outside `services` are reattached
 * (the ones of `services` are the caller's business).
 */
export function addResources(plan: PlanBuilder, project: Project, observed: ObservedState, services: Iterable<string>, options: ResourceOptions = {}): ResourceNodes {
  const selected = new Set(services);
  const networks = new Map<string, string>();
  const volumes = new Map<string, string>();
  const changedNetworks = new Set<string>();
  const removedVolumes = new Map<string, string>();
  const usedNetworks = new Set<string>();
  const usedVolumes = new Set<string>();
  for (const name of selected) {
    const s = project.services[name];
    if (!s) continue;
    if (!s.network_mode) for (const [key] of serviceNetworks(s)) usedNetworks.add(key);
    for (const v of s.volumes ?? []) if (v.type === 'volume' && v.source && v.source in project.volumes) usedVolumes.add(v.source);
  }
  for (const key of [...usedNetworks].sort()) {
    const n = project.networks[key];
    if (!n) throw new ConfigError(`service network ${key} is not declared`);
    const exists = observed.networks.get(n.name);
    if (n.external) {
      if (!exists) throw new ConfigError(`network ${n.name} declared as external, but could not be found`);
      continue;
    }
    const body = networkBody(project, key, n);
    if (!exists) {
      networks.set(n.name, plan.add(`network:${n.name}`, { kind: 'network.create', body }, `network ${n.name}`, 'missing'));
      continue;
    }
    if (options.recreateChanged === false || !changed(project, key, exists)) continue;
    // Everything on it must be disconnected first. Ours (containers and one-offs) are; a
    // container without our label (seen when observe read the network's attachments) is not
    // ours to touch: the user detaches it (docker compose's removal fails on it too).
    const ours = [...observed.containers, ...observed.oneoffs];
    const on = ours.filter((c) => c.networks.includes(n.name));
    const foreign = exists.containers.filter((id) => !ours.some((c) => c.id === id)).map((id) => exists.containerNames?.[id] ?? id.slice(0, 12)).sort();
    if (foreign.length) {
      throw new TcomposeError(
        `network ${n.name} must be recreated (its config changed), but ${foreign.length === 1 ? 'container' : 'containers'} ${foreign.join(', ')} of another project or not made by tcompose ${foreign.length === 1 ? 'uses' : 'use'} it: disconnect ${foreign.length === 1 ? 'it' : 'them'} first (docker network disconnect ${n.name} <container>)`,
      );
    }
    const attached = on.map((c) => c.name).sort();
    const node = plan.add(`network:${n.name}`, { kind: 'network.recreate', name: n.name, body, attached }, `network ${n.name}`, 'config changed');
    // Service containers are recreated or reattached below; one-offs are not.
    const left = on.filter((c) => observed.oneoffs.includes(c)).map((c) => c.name).sort();
    if (left.length) plan.warn(`network ${n.name} is recreated: ${left.join(', ')} will be disconnected from it and not reconnected`);
    networks.set(n.name, node);
    changedNetworks.add(key);
    // Containers of services this run does not recreate lose the network with it: reattach them.
    for (const c of observed.containers) {
      const svc = c.labels[Label.service] ?? '';
      if (selected.has(svc) || !c.networks.includes(n.name)) continue;
      const s = project.services[svc] ?? project.disabledServices[svc];
      const endpoint = s ? serviceEndpoint(s, c.name, key) : { Aliases: [c.name, svc] };
      plan.edge(node, plan.add(`connect:${n.name}:${c.name}`, { kind: 'network.connect', network: n.name, container: containerRef(c), endpoint }, `container ${c.name}`, `network ${n.name} recreated`));
    }
  }
  for (const key of [...usedVolumes].sort()) {
    const v = project.volumes[key]!;
    const exists = observed.volumes.get(v.name);
    if (v.external) {
      if (!exists) throw new ConfigError(`volume ${v.name} declared as external, but could not be found`);
      continue;
    }
    if (!exists) volumes.set(key, plan.add(`volume:${v.name}`, { kind: 'volume.create', body: volumeBody(project, key, v) }, `volume ${v.name}`, 'missing'));
    else if (exists.labels[Label.volumeHash] && exists.labels[Label.volumeHash] !== volumeHash(v)) {
      // Recreating it loses its data: only when asked (-y; docker compose asks first).
      if (!options.recreateVolumes) {
        plan.warn(`volume ${v.name} exists but doesn't match the configuration in the compose file (driver, driver_opts or labels): it is used as it is; \`up -y\` recreates it, which loses its data`);
        continue;
      }
      // One-off `run` containers count too: the engine keeps a volume any container has.
      const users = [...observed.containers, ...observed.oneoffs].filter(
        (c) => c.mounts.some((m) => m.type === 'volume' && m.name === v.name) && (observed.oneoffs.includes(c) || !selected.has(c.labels[Label.service] ?? '')),
      );
      if (users.length) {
        throw new ConfigError(`volume ${v.name} is to be recreated (its settings changed), but ${users.map((c) => c.name).join(', ')} outside this run use${users.length === 1 ? 's' : ''} it: include ${users.length === 1 ? 'its service' : 'their services'} or stop and remove ${users.length === 1 ? 'it' : 'them'} first`);
      }
      const remove = plan.add(`remove-volume:${v.name}`, { kind: 'volume.remove', name: v.name }, `volume ${v.name}`, 'settings changed (-y): its data is lost');
      const create = plan.add(`volume:${v.name}`, { kind: 'volume.create', body: volumeBody(project, key, v) }, `volume ${v.name}`, 'recreated');
      plan.edge(remove, create);
      removedVolumes.set(key, remove);
      volumes.set(key, create);
    }
  }
  return { networks, volumes, changedNetworks, removedVolumes };
}

/** Only the networks and volumes the services need (`run` before its one-off container). */
export function planResources(project: Project, observed: ObservedState, services: Iterable<string>, options: ResourceOptions = {}): Plan {
  const plan = new PlanBuilder();
  addResources(plan, project, observed, services, options);
  return plan.build();
}
