// Option helpers of the developer commands (exec, run): environment and label flags. The
// value parsers (--index, --format, booleans) are in parse.ts.
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { DotenvError, parseDotenv } from '../loader/dotenv.js';

/** -e KEY=VAL as given; -e KEY takes KEY's value from our environment, and is dropped when unset (like docker). */
export function envFromFlags(values: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  if (!values?.length) return undefined;
  return values.flatMap((v) => (v.includes('=') ? [v] : env[v] === undefined ? [] : [`${v}=${env[v]}`]));
}

/** -l KEY=VAL → a label map. */
export function labelsFromFlags(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    out[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  }
  return out;
}

/**
 * --env-from-file: KEY=VAL lines of each file (the .env syntax), in order. A later file wins, and
 * -e after them (the engine keeps the last of a repeated key).
 */
export function envFromFiles(paths: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const path of paths ?? []) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new UsageError(`--env-from-file ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    try {
      for (const [k, v] of Object.entries(parseDotenv(text, (n) => process.env[n]))) out.push(`${k}=${v}`);
    } catch (err) {
      if (err instanceof DotenvError) throw new UsageError(`--env-from-file ${path}:${err.line}: ${err.message}`);
      throw err;
    }
  }
  return out;
}
