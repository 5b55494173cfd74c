import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/loader/duration.js';
import { parseBytes } from '../../../src/loader/units.js';
import { shellSplit } from '../../../src/loader/shlex.js';
import { parseDotenv, DotenvError } from '../../../src/loader/dotenv.js';
import { parsePortSpec } from '../../../src/loader/normalize.js';
import { suggest } from '../../../src/loader/suggest.js';

describe('durations', () => {
  it.each([
    ['1m30s', 90_000, '1m30s'],
    ['90s', 90_000, '1m30s'],
    ['1.5h', 5_400_000, '1h30m0s'],
    ['500ms', 500, '500ms'],
    ['0s', 0, '0s'],
    ['10', 10_000, '10s'],
    ['1h2m3s4ms', 3_723_004, '1h2m3.004s'],
  ])('%s', (s, ms, canonical) => {
    expect(parseDuration(s)).toBe(ms);
    expect(formatDuration(ms)).toBe(canonical);
  });
  it('rejects garbage', () => {
    expect(() => parseDuration('10 parsecs')).toThrow('invalid duration "10 parsecs"');
    expect(() => parseDuration('')).toThrow();
  });
});

describe('sizes', () => {
  it.each([
    ['512m', 536870912],
    ['1gb', 1073741824],
    ['100k', 102400],
    ['64M', 67108864],
    ['1024', 1024],
    ['1.5g', 1610612736],
  ])('%s', (s, n) => expect(parseBytes(s)).toBe(n));
  it('rejects garbage', () => expect(() => parseBytes('lots')).toThrow('invalid size "lots"'));
});

describe('shell split', () => {
  it.each([
    ['a b  c', ['a', 'b', 'c']],
    [`sh -c 'echo "x y"'`, ['sh', '-c', 'echo "x y"']],
    ['say "a \\"b\\""', ['say', 'a "b"']],
    ['a\\ b', ['a b']],
    ["''", ['']],
  ])('%s', (s, words) => expect(shellSplit(s)).toEqual(words));
  it('rejects unterminated quotes', () => expect(() => shellSplit('echo "x')).toThrow('unterminated double quote'));
});

describe('.env syntax', () => {
  it('reads quotes, escapes, export, comments, multi-line values and references', () => {
    const text = [
      '\ufeff# comment',
      'export A=1',
      'B = spaced # comment',
      "C='single ${A} \\n'",
      'D="double ${A}\\n\\"q\\""',
      'E="multi',
      'line"',
      'F=${A}${MISSING:-def}',
      'G=#not-a-comment',
      'H=',
      'FROM_ENV',
      'ABSENT',
    ].join('\n');
    expect(parseDotenv(text, (n) => (n === 'FROM_ENV' ? 'env' : undefined))).toEqual({
      A: '1',
      B: 'spaced',
      C: 'single ${A} \\n',
      D: 'double 1\n"q"',
      E: 'multi\nline',
      F: '1def',
      G: '#not-a-comment',
      H: '',
      FROM_ENV: 'env',
    });
  });
  it('reports the line of a bad entry', () => {
    try {
      parseDotenv('A=1\nB="open\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DotenvError);
      expect((e as DotenvError).line).toBe(2);
      expect((e as Error).message).toBe('unterminated quoted value for B');
    }
  });
});

describe('port specs', () => {
  it('parses host IPs, ranges and protocols', () => {
    expect(parsePortSpec('0.0.0.0:8000-8001:80-81/udp')).toEqual([
      { mode: 'ingress', host_ip: '0.0.0.0', target: 80, published: '8000', protocol: 'udp' },
      { mode: 'ingress', host_ip: '0.0.0.0', target: 81, published: '8001', protocol: 'udp' },
    ]);
    expect(parsePortSpec('8000-8010:80')).toEqual([{ mode: 'ingress', target: 80, published: '8000-8010', protocol: 'tcp' }]);
    expect(parsePortSpec('80/xyz')).toBe('unknown protocol "xyz"');
    expect(parsePortSpec('70000')).toBe('"70000" is not a port or range');
  });
});

describe('suggestions', () => {
  it('suggests close names only', () => {
    expect(suggest('enviroment', ['environment', 'entrypoint'])).toBe('environment');
    expect(suggest('imgae', ['image'])).toBe('image');
    expect(suggest('b', ['a'])).toBeUndefined();
    expect(suggest('completely', ['image'])).toBeUndefined();
  });
});
