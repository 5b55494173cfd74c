// Parsers for option values, each rejecting bad input with a usage error that names the flag.
import { UsageError } from '../errors.js';

/** --scale web=3 (repeatable) → { web: 3 }. */
export function parseScale(values: readonly string[] | undefined): Record<string, number> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([^=]+)=(\d+)$/.exec(v);
    if (!m) throw new UsageError(`invalid --scale value ${JSON.stringify(v)}: use SERVICE=NUMBER`);
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

/** Repeatable options collect into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
