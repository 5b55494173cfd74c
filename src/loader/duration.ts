// Durations as docker compose writes them ("1m30s"); Go's time.ParseDuration syntax.
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "1m30s", "500ms", "1.5h" (or a plain number of seconds) into milliseconds. */
export function parseDuration(s: string | number): number {
  if (typeof s === 'number') return s * 1000;
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    matched = re.lastIndex;
  }
  if (t === '' || matched !== t.length) throw new Error(`invalid duration "${s}"`);
  return total;
}

/** Formats milliseconds the way Go prints a time.Duration: "1h2m3s", "1m30s", "500ms", "0s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) {
    if (ms >= 1) return `${trim(ms)}ms`;
    if (ms >= 1e-3) return `${trim(ms * 1000)}µs`;
    return `${trim(ms * 1e6)}ns`;
  }
  let rest = ms;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let out = '';
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  return `${out}${trim(s)}s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}

/** Canonical form of a duration written by a user; throws on bad syntax. */
export function canonicalDuration(s: string | number): string {
  return formatDuration(parseDuration(s));
}
