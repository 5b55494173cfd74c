// The service dependency graph: depends_on, links, network_mode/ipc/pid "service:x", volumes_from.
import toposort from 'toposort';
import type { DependsOnCondition, Project, Service } from '../model/types.js';
import { ConfigError } from '../errors.js';
import { findCycle } from './cycle.js';

export type DependencyKind = 'depends_on' | 'links' | 'network_mode' | 'ipc' | 'pid' | 'volumes_from';

export interface Dependency {
  readonly service: string;
  readonly kind: DependencyKind;
  readonly condition: DependsOnCondition;
  readonly required: boolean;
  readonly restart: boolean;
}

const serviceRef = (value: unknown): string | undefined =>
  typeof value === 'string' && value.startsWith('service:') ? value.slice('service:'.length) : undefined;

/** The services `service` needs, each once, depends_on first (it carries the condition). */
export function dependenciesOf(service: Service): Dependency[] {
  const out = new Map<string, Dependency>();
  const add = (name: string | undefined, kind: DependencyKind): void => {
    if (name && !out.has(name)) out.set(name, { service: name, kind, condition: 'service_started', required: true, restart: false });
  };
  for (const [name, d] of Object.entries(service.depends_on ?? {})) {
    out.set(name, { service: name, kind: 'depends_on', condition: d.condition, required: d.required, restart: d.restart ?? false });
  }
  for (const link of service.links ?? []) add(link.split(':')[0], 'links');
  add(serviceRef(service.network_mode), 'network_mode');
  add(serviceRef(service.ipc), 'ipc');
  add(serviceRef(service.pid), 'pid');
  for (const from of service.volumes_from ?? []) {
    if (!from.startsWith('container:')) add(from.split(':')[0], 'volumes_from');
  }
  return [...out.values()];
}

/** Dependencies that exist in the project (optional ones on disabled services are dropped). */
export function activeDependencies(project: Project, service: Service): Dependency[] {
  return dependenciesOf(service).filter((d) => d.service in project.services);
}

export function assertAcyclic(project: Project): void {
  const cycle = findCycle(Object.keys(project.services), (n) =>
    activeDependencies(project, project.services[n]!).map((d) => d.service),
  );
  if (cycle) throw new ConfigError(`dependency cycle between services: ${cycle.join(' -> ')}`);
}

/** `names` plus everything they depend on, transitively. */
export function withDependencies(project: Project, names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const visit = (n: string): void => {
    if (out.has(n) || !(n in project.services)) return;
    out.add(n);
    for (const d of activeDependencies(project, project.services[n]!)) visit(d.service);
  };
  for (const n of names) visit(n);
  return out;
}

/** Services that depend on `name`, transitively. */
export function dependentsOf(project: Project, name: string): Set<string> {
  const out = new Set<string>();
  const visit = (n: string): void => {
    for (const [other, svc] of Object.entries(project.services)) {
      if (!out.has(other) && activeDependencies(project, svc).some((d) => d.service === n)) {
        out.add(other);
        visit(other);
      }
    }
  };
  visit(name);
  return out;
}

/** Services in start order (dependencies first); ties sorted by name for stable output. */
export function startOrder(project: Project, names?: Iterable<string>): string[] {
  const chosen = [...(names ?? Object.keys(project.services))].sort();
  const set = new Set(chosen);
  const edges: [string, string][] = [];
  for (const n of chosen) {
    for (const d of activeDependencies(project, project.services[n]!)) if (set.has(d.service)) edges.push([d.service, n]);
  }
  try {
    const sorted = toposort.array(chosen, edges);
    return sorted;
  } catch {
    assertAcyclic(project);
    throw new ConfigError('dependency cycle between services');
  }
}
