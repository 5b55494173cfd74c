// Planners behind start, stop, restart, kill, rm, pause and unpause. Pure: each takes the
// project and what the engine has, and returns a Plan acting on existing containers only.
import { checkServices } from '../graph/services.js';
import type { ContainerSummary } from '../engine/types.js';
import type { Project } from '../model/types.js';
import { activeDependencies, dependentsOf } from '../graph/dependencies.js';
import { TcomposeError } from '../errors.js';
import { Label } from '../state/labels.js';
import { containersOfService, isUp, type ObservedState } from '../state/observe.js';
import { PlanBuilder, containerRef as ref } from './builder.js';
import { addOrphans, planStops } from './down.js';
import { postStartOf, preStopOf } from './hooks.js';
import type { Plan, WaitCondition } from './types.js';

export interface ServiceSelection {
  /** Services named on the command line; empty = every service of the project. */
  readonly services?: readonly string[];
}

/** The named services (checked against the file), or all of them, sorted. */
export function namedServices(project: Project, options: ServiceSelection): string[] {
  const named = options.services?.length ? [...new Set(options.services)] : Object.keys(project.services);
  checkServices(project, named);
  return named.sort();
}

/** Containers of the given services, in service then number order. */
function containersOf(observed: ObservedState, services: Iterable<string>): ContainerSummary[] {
  return [...services].flatMap((s) => containersOfService(observed, s));
}

export interface StartOptions extends ServiceSelection {
  /** Also wait for every started service to be ready (healthy, running, or completed). */
  readonly wait?: boolean;
  readonly waitTimeoutMs?: number;
}

/**
 * start: starts the stopped containers of the services in dependency order; a dependent
 * starts once its dependencies meet their depends_on condition.
 */
export function planStart(project: Project, observed: ObservedState, options: StartOptions = {}): Plan {
  const plan = new PlanBuilder();
  const selected = namedServices(project, options);
  const startNodes = new Map<string, string[]>();
  for (const name of selected) {
    const containers = containersOfService(observed, name);
    if (!containers.length && options.services?.length) throw new TcomposeError(`service ${name} has no container to start; run \`tcompose up\` or \`tcompose create\` first`);
    const nodes: string[] = [];
    for (const c of containers) {
      if (isUp(c)) continue;
      nodes.push(plan.add(`start:${c.name}`, { kind: 'container.start', container: ref(c), ...postStartOf(project.services[name]) }, `container ${c.name}`, `was ${c.state}`));
    }
    startNodes.set(name, nodes);
  }
  if (!options.services?.length && observed.containers.length === 0) throw new TcomposeError('no containers to start; run `tcompose up` or `tcompose create` first');
  orderStarts(plan, project, observed, selected, startNodes, options.waitTimeoutMs);
  if (options.wait) {
    for (const name of selected) {
      const containers = containersOfService(observed, name).map((c) => c.name);
      if (containers.length) addWait(plan, name, 'ready', containers, startNodes.get(name) ?? [], options.waitTimeoutMs);
    }
  }
  return plan.build();
}

function addWait(plan: PlanBuilder, service: string, condition: WaitCondition, containers: readonly string[], after: readonly string[], timeoutMs?: number): string {
  const key = `${service}:${condition}`;
  const existed = plan.has(`wait:${key}`);
  const id = plan.add(`wait:${key}`, { kind: 'service.wait', service, condition, containers, timeoutMs }, `service ${service}`, condition.replace(/^service_/, ''));
  if (!existed) for (const a of after) plan.edge(a, id);
  return id;
}

/** Edges so that every start waits for its dependencies' starts and depends_on conditions. */
function orderStarts(plan: PlanBuilder, project: Project, observed: ObservedState, selected: readonly string[], startNodes: Map<string, string[]>, timeoutMs?: number): void {
  for (const name of selected) {
    const mine = startNodes.get(name) ?? [];
    if (!mine.length) continue;
    for (const d of activeDependencies(project, project.services[name]!)) {
      const theirs = startNodes.get(d.service) ?? [];
      if (d.condition === 'service_started') {
        for (const a of theirs) for (const b of mine) plan.edge(a, b);
        continue;
      }
      const containers = containersOfService(observed, d.service).map((c) => c.name);
      if (!containers.length) {
        if (d.required) throw new TcomposeError(`service ${name} depends on ${d.service}, which has no container; run \`tcompose up\` first`);
        continue;
      }
      const w = addWait(plan, d.service, d.condition, containers, theirs, timeoutMs);
      for (const b of mine) plan.edge(w, b);
    }
  }
}

export interface StopOptions extends ServiceSelection {
  readonly timeout?: number;
}

/** stop: running containers of the services, dependents before their dependencies. */
export function planStop(project: Project, observed: ObservedState, options: StopOptions = {}): Plan {
  const plan = new PlanBuilder();
  const selected = namedServices(project, options);
  planStops(plan, project, containersOf(observed, selected), 'stop', options.timeout);
  return plan.build();
}

export interface RestartOptions extends ServiceSelection {
  readonly timeout?: number;
  /** Only the named services, not the services that depend on them. */
  readonly noDeps?: boolean;
}

/**
 * restart: every container of the services (running or stopped) and, unless noDeps, of the
 * services depending on them; dependencies are restarted before their dependents.
 */
export function planRestart(project: Project, observed: ObservedState, options: RestartOptions = {}): Plan {
  const plan = new PlanBuilder();
  const named = namedServices(project, options);
  const selected = new Set(named);
  if (!options.noDeps && options.services?.length) for (const n of named) for (const d of dependentsOf(project, n)) selected.add(d);
  const nodes = new Map<string, string[]>();
  for (const name of [...selected].sort()) {
    nodes.set(name, containersOfService(observed, name).map((c) =>
      plan.add(`restart:${c.name}`, { kind: 'container.restart', container: ref(c), timeout: options.timeout, ...(c.state === 'running' ? preStopOf(project.services[name]) : {}), ...postStartOf(project.services[name]) }, `container ${c.name}`, named.includes(name) ? 'restart' : 'dependency restarted'),
    ));
  }
  for (const name of selected) {
    for (const d of activeDependencies(project, project.services[name]!)) {
      for (const a of nodes.get(d.service) ?? []) for (const b of nodes.get(name) ?? []) plan.edge(a, b);
    }
  }
  return plan.build();
}

export interface KillOptions extends ServiceSelection {
  readonly signal?: string;
  readonly removeOrphans?: boolean;
}

/** kill: sends a signal (SIGKILL by default) to the running containers of the services, all at once. */
export function planKill(project: Project, observed: ObservedState, options: KillOptions = {}): Plan {
  const plan = new PlanBuilder();
  const selected = namedServices(project, options);
  const signal = options.signal ?? 'SIGKILL';
  for (const c of containersOf(observed, selected)) {
    if (!isUp(c)) continue;
    plan.add(`kill:${c.name}`, { kind: 'container.kill', container: ref(c), signal }, `container ${c.name}`, signal);
  }
  addOrphans(plan, project, observed, options.removeOrphans ?? false, undefined);
  return plan.build();
}

export interface RemoveOptions extends ServiceSelection {
  /** -s: stop running containers first (else they are left alone). */
  readonly stop?: boolean;
  /** -v: remove the containers' anonymous volumes too. */
  readonly volumes?: boolean;
  readonly timeout?: number;
}

/** rm: the stopped containers of the services (with -s, the running ones after stopping them). */
export function planRemove(project: Project, observed: ObservedState, options: RemoveOptions = {}): Plan {
  const plan = new PlanBuilder();
  const selected = namedServices(project, options);
  const all = containersOf(observed, selected);
  const stops = options.stop ? planStops(plan, project, all, 'rm --stop', options.timeout) : new Map<string, string>();
  for (const c of all) {
    if (isUp(c) && !options.stop) continue;
    const rm = plan.add(`remove:${c.name}`, { kind: 'container.remove', container: ref(c), force: false, volumes: options.volumes ?? false }, `container ${c.name}`, options.stop && isUp(c) ? 'rm --stop' : `was ${c.state}`);
    plan.edge(stops.get(c.name), rm);
  }
  return plan.build();
}

/** Container names a plan removes (for rm's "Going to remove …" question). */
export function removedContainers(plan: Plan): string[] {
  return plan.nodes.filter((n) => n.op.kind === 'container.remove').map((n) => n.resource.replace(/^container /, ''));
}

/** pause: running containers of the services; unpause: paused ones. All at once, no order. */
export function planPause(project: Project, observed: ObservedState, options: ServiceSelection & { readonly unpause?: boolean } = {}): Plan {
  const plan = new PlanBuilder();
  const selected = namedServices(project, options);
  for (const c of containersOf(observed, selected)) {
    if (options.unpause ? c.state !== 'paused' : c.state !== 'running') continue;
    const kind = options.unpause ? 'container.unpause' : 'container.pause';
    plan.add(`${kind.split('.')[1]}:${c.name}`, { kind, container: ref(c) }, `container ${c.name}`, options.unpause ? 'was paused' : 'was running');
  }
  return plan.build();
}
