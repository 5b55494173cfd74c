// Where the CLI keeps what it caches between runs, and whether it keeps anything at all:
// the load cache (loader/cache.ts) and V8's code cache of the program (launch.ts).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LoadCache } from '../loader/cache.js';

// Replaced at build time (scripts/build.mjs) with a digest of the sources: what another build
// wrote is never read. Running from the sources (tests, tsx) nothing is cached.
declare const __TCOMPOSE_BUILD__: string | undefined;
const BUILD = typeof __TCOMPOSE_BUILD__ === 'string' ? __TCOMPOSE_BUILD__ : undefined;

export interface CacheRoot {
  readonly dir: string;
  readonly build: string;
}

/** TCOMPOSE_NO_CACHE=1 turns caching off; TCOMPOSE_CACHE_DIR moves it (default ~/.cache/tcompose). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env, build = BUILD): CacheRoot | undefined {
  if (!build || (env.TCOMPOSE_NO_CACHE && env.TCOMPOSE_NO_CACHE !== '0')) return undefined;
  let home: string;
  try {
    home = env.HOME || homedir();
  } catch {
    return undefined; // no HOME and no passwd entry (some CI containers): nowhere to keep one
  }
  const dir = env.TCOMPOSE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(home, '.cache'), 'tcompose');
  return { dir, build };
}

export function loadCacheSettings(env: NodeJS.ProcessEnv = process.env, build = BUILD): LoadCache | undefined {
  const root = cacheRoot(env, build);
  return root && { dir: join(root.dir, 'load'), build: root.build };
}
