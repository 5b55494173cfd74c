// Where the CLI keeps its load cache (see loader/cache.ts), and whether it keeps one at all.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LoadCache } from '../loader/cache.js';

// Replaced at build time (scripts/build.mjs) with a digest of the sources: entries written by
// another build are never read. Running from the sources (tests, tsx) there is no cache.
declare const __TCOMPOSE_BUILD__: string | undefined;

/** TCOMPOSE_NO_CACHE=1 turns it off; TCOMPOSE_CACHE_DIR moves it (default ~/.cache/tcompose). */
export function loadCacheSettings(env: NodeJS.ProcessEnv = process.env, build = typeof __TCOMPOSE_BUILD__ === 'string' ? __TCOMPOSE_BUILD__ : undefined): LoadCache | undefined {
  if (!build || (env.TCOMPOSE_NO_CACHE && env.TCOMPOSE_NO_CACHE !== '0')) return undefined;
  const base = env.TCOMPOSE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'tcompose');
  return { dir: join(base, 'load'), build };
}
