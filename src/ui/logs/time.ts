// --since / --until values: RFC 3339 dates, unix timestamps, or durations back from now
// (Go syntax, as docker's: "10m", "1h30m", "1.5h", "250ms").
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../loader/duration.js';

/** Milliseconds of a Go-style duration, or undefined when it is not one (the loader's parser). */
function durationMs(value: string): number | undefined {
  try {
    return parseDuration(value);
  } catch {
    return undefined;
  }
}

/** Unix seconds (fractional) for a --since/--until value. */
export function parseLogTime(value: string, flag: string, nowMs: number = Date.now()): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const d = durationMs(v);
  if (d !== undefined) return (nowMs - d) / 1000;
  // RFC 3339 (and its date-only / no-zone forms, read as UTC like docker does).
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(\.\d+)?(Z|[+-]\d\d:?\d\d)?)?$/i.exec(v);
  if (m) {
    const zone = m[4] ? m[4].toUpperCase().replace(/^([+-]\d\d)(\d\d)$/, '$1:$2') : 'Z';
    const whole = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[2]?.length === 5 ? ':00' : ''}${zone}`);
    if (!Number.isNaN(whole)) return whole / 1000 + (m[3] ? Number(`0${m[3]}`) : 0);
  }
  throw new UsageError(`invalid ${flag} value ${JSON.stringify(value)}: use an RFC 3339 date (2024-05-01T10:00:00Z), a unix timestamp, or a duration like 10m or 1h30m`);
}
