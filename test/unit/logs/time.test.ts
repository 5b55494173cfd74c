// parseLogTime: --since / --until as docker reads them (durations back from now through the
// loader's duration parser, unix timestamps, RFC 3339 with and without zone or seconds).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseLogTime } from '../../../src/ui/logs/time.js';

const now = Date.parse('2024-05-01T12:00:00Z');
const at = (iso: string): number => Date.parse(iso) / 1000;

describe('parseLogTime', () => {
  it('reads Go durations back from now, with the loader parser forms', () => {
    expect(parseLogTime('1h30m', '--since', now)).toBe(now / 1000 - 5400);
    expect(parseLogTime('250ms', '--since', now)).toBeCloseTo(now / 1000 - 0.25, 6);
    expect(parseLogTime('.5s', '--since', now)).toBeCloseTo(now / 1000 - 0.5, 6);
    expect(parseLogTime(' 2m ', '--since', now)).toBe(now / 1000 - 120);
  });

  it('reads plain numbers as unix seconds, not as a duration', () => {
    expect(parseLogTime('0', '--since', now)).toBe(0);
    expect(parseLogTime('42', '--until', now)).toBe(42);
  });

  it('reads RFC 3339 zones, date-only and minute-only forms (no zone = UTC)', () => {
    expect(parseLogTime('2024-05-01T10:00:00z', '--since', now)).toBe(at('2024-05-01T10:00:00Z'));
    expect(parseLogTime('2024-05-01T10:00:00+0200', '--since', now)).toBe(at('2024-05-01T08:00:00Z'));
    expect(parseLogTime('2024-05-01T10:00:00-01:30', '--since', now)).toBe(at('2024-05-01T11:30:00Z'));
    expect(parseLogTime('2024-05-01 10:00', '--since', now)).toBe(at('2024-05-01T10:00:00Z'));
    expect(parseLogTime('2024-05-01T10:00:00', '--since', now)).toBe(at('2024-05-01T10:00:00Z'));
  });

  it('is a usage error naming the flag and the value otherwise', () => {
    for (const bad of ['', '10 m', '1d', '-5m', '2024-13-45', '2024-05-01T25:00:00Z', 'now']) {
      let err: unknown;
      try {
        parseLogTime(bad, '--until', now);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(UsageError);
      expect((err as Error).message).toContain(`--until value ${JSON.stringify(bad)}`);
    }
  });
});
