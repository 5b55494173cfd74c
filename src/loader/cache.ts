// The load cache: a command run again in the same place, with the same environment and files,
// gets the Project the last load produced without parsing YAML or validating again (yaml and
// the schema validator are most of a `ps`'s start-up). An entry is used only when everything
// the loader looked at is still the same: the build of tcompose, the working directory, the
// options, the whole environment, the text of every file read and the kind of every path
// looked up (so a new override file or .env is noticed). Anything else is a miss, and a miss
// just loads. Entries hold the Project, environment included, so they are kept private to the
// user (0700 directory, 0600 files); the key is stored only as a digest.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../model/types.js';
import type { ProjectOptions } from './options.js';
import { pathKind, type PathKind } from './inputs.js';

export interface LoadCache {
  /** Where entries are kept. */
  readonly dir: string;
  /** Identifies the code that produced an entry: an entry of another build is never used. */
  readonly build: string;
  /** Entries kept; the least recently written are removed beyond it. */
  readonly maxEntries?: number;
}

interface Entry {
  /** keyDigest() of the key: the key itself holds the whole environment, which stays out of the file. */
  readonly key: string;
  readonly files: [string, string | null][];
  readonly paths: [string, PathKind][];
  readonly warnings: string[];
  readonly project: Project;
}

const FORMAT = 2;

/** loadProject, through the cache. Reading from stdin (`-f -`) is never cached. */
export async function loadProjectCached(options: ProjectOptions, cache: LoadCache): Promise<Project> {
  return (await loadThroughCache(options, cache)).project;
}

/** Also tells whether the cache answered. */
export async function loadThroughCache(options: ProjectOptions, cache: LoadCache): Promise<{ project: Project; hit: boolean }> {
  if (options.files?.includes('-')) return { project: await (await import('./index.js')).loadProject(options), hit: false };
  const key = cacheKey(options, cache.build);
  const file = join(cache.dir, `${hashString(key)}.json`);
  const hit = readEntry(file, key);
  if (hit) {
    for (const w of hit.warnings) options.onWarning?.(w);
    return { project: hit.project, hit: true };
  }
  const { loadModel } = await import('./index.js');
  const warnings: string[] = [];
  const loaded = await loadModel({
    ...options,
    onWarning: (m) => {
      warnings.push(m);
      options.onWarning?.(m);
    },
  });
  const project = loaded.project!;
  // Only regular files can be read again to check an entry: a pipe (`-f <(…)`, /dev/stdin, a
  // FIFO .env) would be drained by the check. A load that read one is not cached.
  const files = [...loaded.inputs.files];
  if (files.every(([path, text]) => text === null || pathKind(path) === 'file')) {
    writeEntry(cache, file, { key: keyDigest(key), files, paths: [...loaded.inputs.paths], warnings, project });
  }
  return { project, hit: false };
}

function cacheKey(options: ProjectOptions, build: string): string {
  const env = options.environment ?? process.env;
  return JSON.stringify({
    format: FORMAT,
    build,
    cwd: options.cwd ?? process.cwd(),
    files: options.files ?? [],
    projectName: options.projectName ?? null,
    projectDirectory: options.projectDirectory ?? null,
    envFiles: options.envFiles ?? [],
    profiles: options.profiles ?? [],
    services: options.services ?? [],
    interpolate: options.interpolate !== false,
    normalize: options.normalize !== false,
    env: Object.keys(env).sort().map((k) => [k, env[k] ?? null]),
  });
}

function readEntry(file: string, key: string): Entry | undefined {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
  } catch {
    return undefined;
  }
  if (!entry || typeof entry !== 'object' || entry.key !== keyDigest(key)) return undefined;
  for (const [path, text] of entry.files) {
    // Never read what is not a regular file now (it may have become a pipe since).
    if (text !== null && pathKind(path) !== 'file') return undefined;
    if (readOrNull(path) !== text) return undefined;
  }
  for (const [path, kind] of entry.paths) if (pathKind(path) !== kind) return undefined;
  return entry;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Best effort: a cache that cannot be written (read-only home, full disk) only costs speed. */
function writeEntry(cache: LoadCache, file: string, entry: Entry): void {
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(tmp, file);
    prune(cache);
  } catch {
    // ignored on purpose
  }
}

function prune(cache: LoadCache): void {
  const max = cache.maxEntries ?? 64;
  const all = readdirSync(cache.dir);
  // A write that died half-way leaves its temporary file: gone after an hour.
  for (const n of all.filter((x) => x.endsWith('.tmp'))) {
    if (Date.now() - statSync(join(cache.dir, n)).mtimeMs > 3_600_000) unlinkSync(join(cache.dir, n));
  }
  const names = all.filter((n) => n.endsWith('.json'));
  if (names.length <= max) return;
  const aged = names.map((n) => ({ n, t: statSync(join(cache.dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - max)) unlinkSync(join(cache.dir, n));
}

/** A second 64 bits of the key, stored and compared: with the file name, 128 bits of it. */
const keyDigest = (key: string): string => hashString(`${key}\u0000check`);

/** Two 32-bit FNV-1a hashes with different seeds (64 bits): not cryptographic, and need not be. */
export function hashString(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
