// watch: converge, then follow the develop.watch paths and, for each burst of changes, sync
// files into the running containers, restart them, run a command, or rebuild and recreate the
// service. Ends when the signal aborts; the containers stay up, as with docker compose.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { lstat, readdir, readlink, stat, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import tar from 'tar-stream';
import type { ContainerSummary, Engine } from '../engine/types.js';
import { ConfigError } from '../errors.js';
import { readIgnorePatterns } from '../exec/build-context.js';
import { shellSplit } from '../loader/shlex.js';
import { describeAction, planWatchBatch, serviceRules, watchedServices, type Change, type ServiceActions, type SyncItem, type WatchExec, type WatchRule } from '../plan/watch.js';
import type { AppContext } from './context.js';
import { projectContainers } from '../state/containers.js';
import { up } from './up.js';
import { syncOwner, type Owner } from './container-user.js';

export interface WatchRequest {
  readonly services?: readonly string[];
  /** Don't converge first (the containers are already up). */
  readonly noUp?: boolean;
  /** Remove the image a rebuild replaced when nothing uses it any more (default true). */
  readonly prune?: boolean;
  /** No build output. */
  readonly quiet?: boolean;
  /** One line per action ("Syncing service web after 2 changes were detected"). */
  readonly log: (line: string) => void;
  /** A failed action: watching goes on. */
  readonly onError?: (message: string) => void;
  /** Stop watching when this aborts (default: the context's signal). */
  readonly signal?: AbortSignal;
  /** Watch those of `services` that have develop.watch (up --watch), instead of refusing the others. */
  readonly lenient?: boolean;
  /** Quiet time that ends a burst of changes. */
  readonly debounceMs?: number;
}

/** The rules of the services to watch, checked before anything is started. */
export async function watchRules(ctx: AppContext, services: readonly string[] | undefined, lenient = false): Promise<WatchRule[]> {
  const rules: WatchRule[] = [];
  for (const name of watchedServices(ctx.project, services, lenient)) {
    const context = ctx.project.services[name]!.build?.context;
    const ignores = context && isAbsolute(context) ? await readIgnorePatterns(context) : [];
    rules.push(...serviceRules(ctx.project, name, ignores));
  }
  for (const r of rules) {
    if (!(await stat(r.path).catch(() => undefined))) throw new ConfigError(`service "${r.service}" develop.watch: path ${r.path} does not exist`);
  }
  return rules;
}

export interface Watching {
  /** Ends the watch (as the request's signal does). */
  stop(): void;
  /** Settles once the watch has ended and the action under way is finished. */
  readonly done: Promise<void>;
  /**
   * After the attached containers stopped: waits for the action under way, then says whether
   * that was the watch replacing or restarting them (a watched service runs again).
   */
  replaced(): Promise<boolean>;
}

/** Watches until the request's signal (or the context's) aborts. */
export async function watch(ctx: AppContext, req: WatchRequest): Promise<void> {
  await (await startWatch(ctx, req)).done;
}

/**
 * Checks the rules, converges (unless noUp), makes the initial syncs and starts the file
 * watchers; resolves once changes are being followed.
 */
export async function startWatch(ctx: AppContext, req: WatchRequest): Promise<Watching> {
  const rules = await watchRules(ctx, req.services, req.lenient);
  const services = [...new Set(rules.map((r) => r.service))];
  // As docker compose: the services asked for, else the whole project (watched or not).
  if (!req.noUp) await up(ctx, { services: req.services?.length ? req.services : undefined, build: true, quietBuild: req.quiet });
  const engine = await ctx.engine();
  const report = (err: unknown): void => (req.onError ?? req.log)(`watch: ${(err as Error).message ?? String(err)}`);
  // Each container's file owner, looked up once (a recreated container has a new ID).
  const owners = new Map<string, Promise<Owner | undefined>>();
  const act = (actions: readonly ServiceActions[]): Promise<void> => runActions(ctx, engine, actions, req, owners).catch(report);

  // Initial sync: what the sync rules that ask for it would copy, as if every file had changed.
  const initial = rules.filter((r) => r.initialSync && r.action.startsWith('sync'));
  if (initial.length) {
    const changes: Change[] = [];
    for (const r of initial) for (const p of await expand(r.path)) changes.push({ path: p, exists: true });
    await act(planWatchBatch(initial, changes).map((a) => ({ ...a, restart: false, exec: [] })));
  }

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let busy = Promise.resolve();
  const flush = (): void => {
    timer = undefined;
    const paths = [...pending];
    pending.clear();
    // One batch at a time: changes made meanwhile wait for the next.
    busy = busy.then(async () => {
      const changes: Change[] = [];
      for (const p of paths) {
        if (!(await lstat(p).catch(() => undefined))) changes.push({ path: p, exists: false });
        else for (const f of await expand(p)) changes.push({ path: f, exists: true });
      }
      await act(planWatchBatch(rules, changes));
    });
  };
  const changed = (path: string): void => {
    pending.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, req.debounceMs ?? 300);
  };

  const watchers: FSWatcher[] = [];
  const close = (): void => {
    for (const w of watchers) w.close();
    if (timer) clearTimeout(timer);
  };
  try {
    for (const path of new Set(rules.map((r) => r.path))) {
      if ((await stat(path)).isDirectory()) {
        watchers.push(fsWatch(path, { recursive: true }, (_event, name) => changed(name ? join(path, name.toString()) : path)));
      } else {
        // The file's folder, not the file: editors replace files by renaming over them.
        const dir = dirname(path);
        const file = basename(path);
        watchers.push(fsWatch(dir, (_event, name) => name?.toString() === file && changed(path)));
      }
    }
  } catch (err) {
    close();
    throw err;
  }
  for (const w of watchers) w.on('error', report);
  req.log('Watch enabled');

  const stopper = new AbortController();
  const signal = req.signal ?? ctx.signal;
  const onAbort = (): void => stopper.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stopper.abort();
  const done = new Promise<void>((resolve) => {
    const finish = (): void => {
      close();
      signal?.removeEventListener('abort', onAbort);
      void busy.then(() => {
        req.log('Watch disabled');
        resolve();
      });
    };
    if (stopper.signal.aborted) finish();
    else stopper.signal.addEventListener('abort', finish, { once: true });
  });
  const replaced = async (): Promise<boolean> => {
    for (let seen: Promise<void> | undefined; seen !== busy; ) await (seen = busy);
    if (stopper.signal.aborted) return false;
    if (!services.length) return false;
    const list = await projectContainers(engine, ctx.project.name, { services, all: false });
    return list.some(acceptsExec);
  };
  return { stop: () => stopper.abort(), done, replaced };
}

/** A changed path, and when it is a folder, everything in it (a new folder's files may predate its watch). */
async function expand(path: string): Promise<string[]> {
  const st = await lstat(path).catch(() => undefined);
  if (!st) return [];
  if (!st.isDirectory()) return [path];
  const out = [path];
  for (const e of await readdir(path).catch(() => [] as string[])) out.push(...(await expand(join(path, e))));
  return out;
}

/**
 * A container watch actions can act on: running or restarting. Unlike `isUp` (state/observe),
 * a paused one does not count: it takes no exec, and syncing or restarting it would undo the pause.
 */
const acceptsExec = (c: ContainerSummary): boolean => c.state === 'running' || c.state === 'restarting';

async function runActions(ctx: AppContext, engine: Engine, actions: readonly ServiceActions[], req: WatchRequest, owners: Map<string, Promise<Owner | undefined>>): Promise<void> {
  for (const a of actions) {
    try {
      if (a.rebuild) {
        await rebuild(ctx, engine, a, req);
        continue;
      }
      const containers = (await projectContainers(engine, ctx.project.name, { services: [a.service] })).filter(acceptsExec);
      if (a.sync.length) {
        req.log(describeAction('Syncing', a.service, a.changes));
        for (const c of containers) await sync(engine, c, a.sync, owners);
      }
      if (a.restart) {
        req.log(describeAction('Restarting', a.service, a.changes));
        await Promise.all(containers.map((c) => engine.restartContainer(c.id)));
      }
      for (const x of a.exec) {
        for (const c of containers) {
          const code = await runExec(engine, c, x);
          if (code !== 0) throw new Error(`service ${a.service}: exec command exited with code ${code} in ${c.name}`);
        }
      }
    } catch (err) {
      // One service's failure does not stop the others, nor the watch.
      (req.onError ?? req.log)(`watch: ${(err as Error).message}`);
    }
  }
}

async function rebuild(ctx: AppContext, engine: Engine, a: ServiceActions, req: WatchRequest): Promise<void> {
  req.log(describeAction('Rebuilding', a.service, a.changes));
  const before = new Set((await projectContainers(engine, ctx.project.name, { services: [a.service] })).map((c) => c.imageId));
  await up(ctx, { services: [a.service], noDeps: true, build: true, quietBuild: req.quiet });
  req.log(`service ${a.service} rebuilt and recreated`);
  if (req.prune === false) return;
  // The replaced image, once untagged and unused, is clutter (docker compose --prune).
  const inUse = new Set((await engine.listContainers({ all: true })).map((c) => c.imageId));
  for (const id of before) {
    if (inUse.has(id)) continue;
    const image = await engine.inspectImage(id);
    if (image && image.repoTags.filter((t) => t !== '<none>:<none>').length === 0) await engine.removeImage(id).catch(() => {});
  }
}

/** Copies the files into the container (one tar, unpacked at /) and removes the deleted ones. */
async function sync(engine: Engine, c: ContainerSummary, items: readonly SyncItem[], owners: Map<string, Promise<Owner | undefined>>): Promise<void> {
  const present = items.filter((i) => !i.deleted);
  const gone = items.filter((i) => i.deleted);
  if (present.length) {
    // Looked up once per container; a failed lookup is not kept (the next batch asks again).
    if (!owners.has(c.id)) owners.set(c.id, syncOwner(engine, c.id).catch((err: unknown) => (owners.delete(c.id), Promise.reject(err))));
    const owner = await owners.get(c.id)!.catch(() => undefined);
    const pack = tar.pack();
    const produce = (async () => {
      for (const item of present) {
        const st = await lstat(item.local).catch(() => undefined);
        if (!st) continue; // gone since: the next batch deletes it
        const header = { name: item.container.replace(/^\/+/, ''), mode: st.mode & 0o7777, mtime: st.mtime, uid: owner?.uid ?? st.uid, gid: owner?.gid ?? st.gid };
        if (st.isDirectory()) await entry(pack, { ...header, type: 'directory' });
        else if (st.isSymbolicLink()) await entry(pack, { ...header, type: 'symlink', linkname: await readlink(item.local) });
        else if (st.isFile()) {
          const content = await readFile(item.local);
          await entry(pack, { ...header, type: 'file', size: content.length }, content);
        }
      }
      pack.finalize();
    })();
    produce.catch((err: Error) => pack.destroy(err));
    await engine.putArchive(c.id, '/', pack);
    await produce;
  }
  if (gone.length) {
    const code = await runExec(engine, c, { command: ['rm', '-rf', '--', ...gone.map((g) => g.container)] });
    if (code !== 0) throw new Error(`removing deleted files from ${c.name} failed (exit code ${code})`);
  }
}

function entry(pack: tar.Pack, header: tar.Headers, content?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => pack.entry(header, content ?? '', (err) => (err ? reject(err) : resolve())));
}

const envList = (e: WatchExec['environment']): string[] | undefined => {
  if (!e) return undefined;
  if (Array.isArray(e)) return e.map(String);
  return Object.entries(e as Record<string, unknown>).map(([k, v]) => (v === null || v === undefined ? k : `${k}=${String(v)}`));
};

/** Runs a command in the container to its end; its output is drained, its exit code returned. */
async function runExec(engine: Engine, c: ContainerSummary, x: WatchExec): Promise<number> {
  const cmd = typeof x.command === 'string' ? shellSplit(x.command) : [...x.command];
  const session = await engine.exec(c.id, { cmd, user: x.user, workingDir: x.working_dir, privileged: x.privileged, env: envList(x.environment) });
  session.stream?.resume();
  return session.exitCode();
}
