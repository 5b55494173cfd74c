// develop.watch, decided: which rules a service has, whether a changed path concerns a rule,
// and what a batch of changes asks of each service. Pure: the caller reads the files and
// .dockerignore and does the work.
import { isAbsolute, posix, relative, sep } from 'node:path';
import dockerignore from '@balena/dockerignore';
import type { Project, Service } from '../model/types.js';
import { ConfigError, NoSuchServiceError } from '../errors.js';
import { compareText } from '../model/order.js';

// A CommonJS module typed with an ES default export: at run time the default import is the
// factory (the same matcher build contexts use for .dockerignore).
const ignore = dockerignore as unknown as typeof dockerignore.default;

export type WatchAction = 'sync' | 'rebuild' | 'restart' | 'sync+restart' | 'sync+exec';

const actions: readonly WatchAction[] = ['sync', 'rebuild', 'restart', 'sync+restart', 'sync+exec'];

export interface WatchExec {
  readonly command: readonly string[] | string;
  readonly user?: string;
  readonly privileged?: boolean;
  readonly working_dir?: string;
  readonly environment?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
}

export interface WatchRule {
  readonly service: string;
  readonly action: WatchAction;
  /** Absolute host path (a directory, watched recursively, or a file). */
  readonly path: string;
  /** Container path the files of `path` map to (sync actions). */
  readonly target?: string;
  readonly exec?: WatchExec;
  readonly initialSync: boolean;
  /** Patterns relative to `path` (docker's .dockerignore syntax). */
  readonly ignore: readonly string[];
  readonly include: readonly string[];
  /** The build context's .dockerignore, with the context directory (rebuild rules only). */
  readonly contextIgnore?: { readonly dir: string; readonly patterns: readonly string[] };
}

/** Files editors write and throw away, and version control: never a reason to act. */
const ephemeral = ignore().add([
  '**/.git', '**/.git/**', '.git', '.git/**',
  '**/*.swp', '**/*.swx', '**/*.swo', '**/4913', '**/*~', '**/.#*', '**/#*#',
  '**/*___jb_old___', '**/*___jb_tmp___', '**/.DS_Store',
  '*.swp', '*.swx', '*.swo', '4913', '*~', '.#*', '#*#', '*___jb_old___', '*___jb_tmp___', '.DS_Store',
]);

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * The services to watch: those asked for (each must have develop.watch, unless `lenient`: then
 * those of them that have it), or all that have it.
 */
export function watchedServices(project: Project, services: readonly string[] | undefined, lenient = false): string[] {
  const has = (s: Service): boolean => Array.isArray((s.develop as { watch?: unknown } | undefined)?.watch) && ((s.develop as { watch: unknown[] }).watch.length > 0);
  if (services?.length && lenient) {
    const out = services.filter((n) => project.services[n] && has(project.services[n]!));
    if (!out.length) throw new ConfigError(`none of the selected services (${services.join(', ')}) is configured for watch: add a 'develop.watch' section to one`);
    return out;
  }
  if (services?.length) {
    for (const name of services) {
      const s = project.services[name];
      if (!s) throw new NoSuchServiceError(name);
      if (!has(s)) throw new ConfigError(`service "${name}" has no develop.watch section: add one to watch it`);
    }
    return [...services];
  }
  const out = Object.values(project.services).filter(has).map((s) => s.name).sort();
  if (!out.length) throw new ConfigError("none of the selected services is configured for watch: add a 'develop.watch' section to a service");
  return out;
}

/**
 * The rules of one service, checked. `contextIgnores` gives the .dockerignore patterns of the
 * service's build context (read by the caller), applied to its rebuild rules.
 */
export function serviceRules(project: Project, name: string, contextIgnores: readonly string[] = []): WatchRule[] {
  const s = project.services[name];
  if (!s) throw new NoSuchServiceError(name);
  const raw = ((s.develop as { watch?: unknown[] } | undefined)?.watch ?? []) as Record<string, unknown>[];
  return raw.map((w, i) => {
    const where = `service "${name}" develop.watch[${i}]`;
    const action = w.action as WatchAction;
    if (!actions.includes(action)) throw new ConfigError(`${where}: unknown action ${JSON.stringify(w.action)}`);
    const path = String(w.path ?? '');
    if (!isAbsolute(path)) throw new ConfigError(`${where}: path is required`);
    const target = typeof w.target === 'string' && w.target ? w.target : undefined;
    if (action.startsWith('sync') && !target) throw new ConfigError(`${where}: action ${action} needs a target (the path in the container)`);
    if (target && !target.startsWith('/')) throw new ConfigError(`${where}: target ${JSON.stringify(target)} must be an absolute path in the container`);
    if (action === 'rebuild' && !s.build) throw new ConfigError(`${where}: action rebuild needs a build section (service "${name}" has an image only)`);
    if (action === 'sync+exec' && !(w.exec as WatchExec | undefined)?.command) throw new ConfigError(`${where}: action sync+exec needs exec.command`);
    const context = s.build?.context;
    const localContext = context && isAbsolute(context) ? context : undefined;
    return {
      service: name,
      action,
      path,
      target,
      exec: action === 'sync+exec' ? (w.exec as WatchExec) : undefined,
      initialSync: w.initial_sync === true,
      ignore: list(w.ignore),
      include: list(w.include),
      contextIgnore: action === 'rebuild' && localContext && contextIgnores.length ? { dir: localContext, patterns: contextIgnores } : undefined,
    };
  });
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** The changed path relative to the rule's path ('' for the path itself); undefined if outside. */
export function relativeTo(rule: WatchRule, changed: string): string | undefined {
  if (changed === rule.path) return '';
  const rel = relative(rule.path, changed);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

const matchers = new WeakMap<WatchRule, { ignore: ReturnType<typeof ignore>; include?: ReturnType<typeof ignore>; context?: ReturnType<typeof ignore> }>();

function matcherOf(rule: WatchRule): { ignore: ReturnType<typeof ignore>; include?: ReturnType<typeof ignore>; context?: ReturnType<typeof ignore> } {
  let m = matchers.get(rule);
  if (!m) {
    m = {
      ignore: ignore().add([...rule.ignore]),
      include: rule.include.length ? ignore().add([...rule.include]) : undefined,
      context: rule.contextIgnore ? ignore().add([...rule.contextIgnore.patterns]) : undefined,
    };
    matchers.set(rule, m);
  }
  return m;
}

/** Whether a change at `changed` (absolute) triggers the rule. */
export function triggers(rule: WatchRule, changed: string): boolean {
  const rel = relativeTo(rule, changed);
  if (rel === undefined) return false;
  // A watched file is named by its own name for the patterns.
  const name = rel || posix.basename(toPosix(changed));
  if (ephemeral.ignores(name)) return false;
  const m = matcherOf(rule);
  if (rel && m.ignore.ignores(rel)) return false;
  if (m.include && !m.include.ignores(name)) return false;
  if (m.context && rule.contextIgnore) {
    const inContext = relative(rule.contextIgnore.dir, changed);
    if (inContext && !inContext.startsWith('..') && !isAbsolute(inContext) && m.context.ignores(toPosix(inContext))) return false;
  }
  return true;
}

export interface Change {
  /** Absolute host path. */
  readonly path: string;
  /** Whether it still exists once the burst is over (false: deleted). */
  readonly exists: boolean;
}

export interface SyncItem {
  readonly local: string;
  readonly container: string;
  readonly deleted: boolean;
}

export interface ServiceActions {
  readonly service: string;
  /** Changes that concern this service (each path once). */
  readonly changes: number;
  /** Rebuild the image and recreate: supersedes the rest (the new image has the files). */
  readonly rebuild: boolean;
  readonly sync: readonly SyncItem[];
  readonly restart: boolean;
  /** Commands to run after syncing, in rule order, each once. */
  readonly exec: readonly WatchExec[];
}

/** What a batch of changes asks of each service, in service order; services with nothing to do are left out. */
export function planWatchBatch(rules: readonly WatchRule[], changes: readonly Change[]): ServiceActions[] {
  const order: string[] = [];
  const by = new Map<string, { paths: Set<string>; rebuild: boolean; sync: Map<string, SyncItem>; restart: boolean; exec: WatchExec[] }>();
  for (const change of changes) {
    for (const rule of rules) {
      if (!triggers(rule, change.path)) continue;
      let acc = by.get(rule.service);
      if (!acc) {
        acc = { paths: new Set(), rebuild: false, sync: new Map(), restart: false, exec: [] };
        by.set(rule.service, acc);
        order.push(rule.service);
      }
      acc.paths.add(change.path);
      if (rule.action === 'rebuild') acc.rebuild = true;
      if (rule.action === 'restart' || rule.action === 'sync+restart') acc.restart = true;
      if (rule.action.startsWith('sync') && rule.target) {
        const rel = relativeTo(rule, change.path) ?? '';
        const container = rel ? posix.join(rule.target, rel) : rule.target;
        acc.sync.set(container, { local: change.path, container, deleted: !change.exists });
      }
      if (rule.action === 'sync+exec' && rule.exec && !acc.exec.includes(rule.exec)) acc.exec.push(rule.exec);
    }
  }
  return order.map((service) => {
    const a = by.get(service)!;
    const sync = [...a.sync.values()].sort((x, y) => compareText(x.container, y.container));
    return a.rebuild
      ? { service, changes: a.paths.size, rebuild: true, sync: [], restart: false, exec: [] }
      : { service, changes: a.paths.size, rebuild: false, sync, restart: a.restart, exec: a.exec };
  });
}

/** The line docker compose prints for an action: "Syncing service web after 2 changes were detected". */
export function describeAction(verb: 'Syncing' | 'Rebuilding' | 'Restarting', service: string, changes: number): string {
  return `${verb} service ${service} after ${changes} ${changes === 1 ? 'change was' : 'changes were'} detected`;
}
