// Option parsers shared by the developer commands (exec, run, cp, port, attach, …).
import { UsageError } from '../errors.js';

/** --index N: a container number, 1 or more. */
export function parseIndex(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid --index value ${JSON.stringify(value)}: use a container number (1, 2, …)`);
  return n;
}

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

/** One of the given formats, or a usage error naming the choices. */
export function parseFormat<T extends string>(value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`invalid --format ${JSON.stringify(value)}: use ${choices.join(' or ')}`);
  return value as T;
}
