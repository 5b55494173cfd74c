// Parsers for option values, each rejecting bad input with a usage error that names the flag.
import { UsageError } from '../errors.js';

/** --scale web=3 (repeatable), or `scale web=3` arguments → { web: 3 }; `what` names them in the error. */
export function parseScale(values: readonly string[] | undefined, what = '--scale value'): Record<string, number> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([^=]+)=(\d+)$/.exec(v);
    if (!m) throw new UsageError(`invalid ${what} ${JSON.stringify(v)}: use SERVICE=NUMBER`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** -t/--timeout in whole seconds. */
export function parseTimeout(value: string | undefined, flag = '--timeout'): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid ${flag} value ${JSON.stringify(value)}: use a whole number of seconds`);
  return n;
}

/** --index N: a container number, 1 or more. */
export function parseIndex(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`invalid --index value ${JSON.stringify(value)}: use a container number (1, 2, …)`);
  return n;
}

/** One of the given formats, or a usage error naming the choices. */
export function parseFormat<T extends string>(value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`invalid --format ${JSON.stringify(value)}: use ${choices.join(' or ')}`);
  return value as T;
}

/** A boolean option value as docker's flags take it (--orphans=false, --sig-proxy=0). */
export function parseBool(value: string): boolean {
  if (/^(true|1|t|yes)$/i.test(value)) return true;
  if (/^(false|0|f|no)$/i.test(value)) return false;
  throw new UsageError(`invalid boolean ${JSON.stringify(value)}: use true or false`);
}

/** Repeatable options collect into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
