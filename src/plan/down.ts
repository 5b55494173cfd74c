// The planner behind `down`: stop containers in reverse dependency order, remove them, then
// the project's networks, and volumes / images only when asked.
import type { ContainerSummary } from '../engine/types.js';
import type { Project } from '../model/types.js';
import { withDependencies } from '../graph/dependencies.js';
import { Label } from '../state/labels.js';
import { isUp, type ObservedState } from '../state/observe.js';
import { PlanBuilder, containerRef as ref } from './builder.js';
import { imageRef } from './container-spec.js';
import { preStopOf } from './hooks.js';
import type { Plan } from './types.js';

export interface DownOptions {
  readonly services?: readonly string[];
  readonly removeOrphans?: boolean;
  readonly volumes?: boolean;
  readonly rmi?: 'local' | 'all';
  readonly timeout?: number;
}

/**
 * Adds stop nodes for `containers` such that a container stops only after the containers of
 * the services that depend on it. Returns container name → its stop node (if it needed one).
 */
export function planStops(plan: PlanBuilder, project: Project, containers: readonly ContainerSummary[], reason: string, timeout?: number): Map<string, string> {
  const stops = new Map<string, string>();
  const byService = new Map<string, string[]>();
  for (const c of containers) {
    if (!isUp(c)) continue;
    // A running container's pre_stop hooks run first (a paused or restarting one cannot exec).
    const hooks = c.state === 'running' ? preStopOf(project.services[c.labels[Label.service] ?? '']) : {};
    const id = plan.add(`stop:${c.name}`, { kind: 'container.stop', container: ref(c), timeout, ...hooks }, `container ${c.name}`, reason);
    stops.set(c.name, id);
    const svc = c.labels[Label.service] ?? '';
    (byService.get(svc) ?? byService.set(svc, []).get(svc)!).push(id);
  }
  // Transitive: a dependency waits for every dependent being stopped, even when the services
  // between them have nothing running.
  for (const name of Object.keys(project.services)) {
    const mine = byService.get(name) ?? [];
    if (!mine.length) continue;
    for (const dep of withDependencies(project, [name])) {
      if (dep === name) continue;
      for (const dependentStop of mine) for (const depStop of byService.get(dep) ?? []) plan.edge(dependentStop, depStop);
    }
  }
  return stops;
}

/** Orphans: containers of the project whose service is gone from the file (profiles only disable a service). */
export function orphansOf(project: Project, containers: readonly ContainerSummary[]): ContainerSummary[] {
  return containers.filter((c) => {
    const svc = c.labels[Label.service] ?? '';
    return !(svc in project.services) && !(svc in project.disabledServices);
  });
}

/** The one warning about orphans left in place. */
export function warnOrphans(plan: PlanBuilder, orphans: readonly ContainerSummary[]): void {
  if (!orphans.length) return;
  plan.warn(`found orphan containers (${orphans.map((c) => c.name).sort().join(', ')}) for this project; if you removed or renamed the service in your compose file, run this command with --remove-orphans to clean them up`);
}

/** Orphans (containers whose service left the file): removed when asked, else a warning. */
export function addOrphans(plan: PlanBuilder, project: Project, observed: ObservedState, remove: boolean, timeout: number | undefined): void {
  const orphans = orphansOf(project, observed.containers);
  if (!remove) return warnOrphans(plan, orphans);
  for (const c of orphans) {
    const stop = isUp(c) ? plan.add(`stop:${c.name}`, { kind: 'container.stop', container: ref(c), timeout }, `container ${c.name}`, 'orphan') : undefined;
    plan.edge(stop, plan.add(`remove:${c.name}`, { kind: 'container.remove', container: ref(c), force: true, volumes: false }, `container ${c.name}`, 'orphan'));
  }
}

export function planDown(project: Project, observed: ObservedState, options: DownOptions = {}): Plan {
  const plan = new PlanBuilder();
  const chosen = options.services?.length ? new Set(options.services) : undefined;
  const all = [...observed.containers, ...observed.oneoffs];
  const orphans = new Set(orphansOf(project, all));
  const targets = all.filter((c) => (chosen ? chosen.has(c.labels[Label.service] ?? '') : !orphans.has(c) || options.removeOrphans));
  if (!options.removeOrphans && !chosen) warnOrphans(plan, [...orphans]);
  const stops = planStops(plan, project, targets, 'down', options.timeout);
  const removes: string[] = [];
  for (const c of targets) {
    const rm = plan.add(`remove:${c.name}`, { kind: 'container.remove', container: ref(c), force: true, volumes: options.volumes ?? false }, `container ${c.name}`, 'down');
    plan.edge(stops.get(c.name), rm);
    removes.push(rm);
  }
  const afterContainers = (id: string): void => {
    for (const r of removes) plan.edge(r, id);
  };
  if (chosen) return plan.build(); // networks and volumes stay while other services may use them

  const left = orphans.size && !options.removeOrphans ? new Set([...orphans].flatMap((c) => c.networks)) : new Set<string>();
  for (const [key, n] of Object.entries(project.networks)) {
    if (n.external) continue;
    const found = observed.networks.get(n.name);
    if (!found || found.labels[Label.project] !== project.name) continue;
    if (left.has(n.name)) {
      plan.warn(`network ${n.name} is kept: orphan containers still use it`);
      continue;
    }
    afterContainers(plan.add(`network:${n.name}`, { kind: 'network.remove', name: n.name }, `network ${n.name}`, `down (${key})`));
  }
  if (options.volumes) {
    for (const v of Object.values(project.volumes)) {
      if (v.external) continue;
      const found = observed.volumes.get(v.name);
      if (!found || found.labels[Label.project] !== project.name) continue;
      afterContainers(plan.add(`volume:${v.name}`, { kind: 'volume.remove', name: v.name }, `volume ${v.name}`, 'down -v'));
    }
  }
  if (options.rmi) {
    const refs = new Set<string>();
    for (const s of Object.values(project.services)) {
      // local: only images without a custom tag, i.e. the ones tcompose names itself.
      if (options.rmi === 'all' || !s.image) refs.add(imageRef(project, s));
    }
    for (const r of [...refs].sort()) {
      if (!observed.images.get(r)) continue;
      afterContainers(plan.add(`image:${r}`, { kind: 'image.remove', ref: r }, `image ${r}`, `down --rmi ${options.rmi}`));
    }
  }
  return plan.build();
}
