// The option value parsers every command shares (cli/parse.ts) and --parallel (cli/globals.ts).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parallelLimit, type GlobalOptions } from '../../../src/cli/globals.js';
import { parseBool, parseFormat, parseIndex, parseScale, parseTimeout } from '../../../src/cli/parse.js';

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('no usage error');
};

describe('parseScale', () => {
  it('reads SERVICE=NUMBER pairs; the last one for a service wins', () => {
    expect(parseScale(['web=3', 'db=0', 'web=2'])).toEqual({ web: 2, db: 0 });
    expect(parseScale(undefined)).toBeUndefined();
    expect(parseScale([])).toBeUndefined();
  });
  it('names the flag, or the scale command argument', () => {
    expect(usage(() => parseScale(['web']))).toBe('invalid --scale value "web": use SERVICE=NUMBER');
    expect(usage(() => parseScale(['web=two'], 'scale'))).toBe('invalid scale "web=two": use SERVICE=NUMBER');
    for (const bad of ['=3', 'web=-1', 'web=1.5', 'web=']) usage(() => parseScale([bad]));
  });
});

describe('parseIndex', () => {
  it('takes container numbers from 1', () => {
    expect(parseIndex(undefined)).toBeUndefined();
    expect(parseIndex('1')).toBe(1);
    expect(parseIndex('12')).toBe(12);
  });
  it('refuses 0, negatives, fractions and non-decimal forms', () => {
    for (const bad of ['0', '-1', '1.5', '', ' 2', '1e1', '0x2', 'two']) {
      expect(usage(() => parseIndex(bad))).toBe(`invalid --index value ${JSON.stringify(bad)}: use a container number (1, 2, …)`);
    }
  });
});

describe('parseFormat', () => {
  it('takes one of the choices, the fallback when absent', () => {
    expect(parseFormat('json', ['table', 'json'] as const, 'table')).toBe('json');
    expect(parseFormat(undefined, ['table', 'json'] as const, 'table')).toBe('table');
    expect(usage(() => parseFormat('yaml', ['table', 'json'] as const, 'table'))).toBe('invalid --format "yaml": use table or json');
  });
});

describe('parseBool', () => {
  it('reads docker flag booleans (--sig-proxy=false, --orphans=0)', () => {
    for (const t of ['true', 'TRUE', '1', 't', 'yes']) expect(parseBool(t), t).toBe(true);
    for (const f of ['false', 'False', '0', 'f', 'no']) expect(parseBool(f), f).toBe(false);
    expect(usage(() => parseBool('maybe'))).toBe('invalid boolean "maybe": use true or false');
  });
});

describe('parseTimeout', () => {
  it('takes whole seconds, naming the flag otherwise', () => {
    expect(parseTimeout('0')).toBe(0);
    expect(parseTimeout(undefined)).toBeUndefined();
    expect(usage(() => parseTimeout('1.5', '-t'))).toMatch(/^invalid -t value "1.5"/);
  });
});

describe('parallelLimit', () => {
  const g = (parallel?: string): GlobalOptions => ({ parallel }) as GlobalOptions;
  it('reads --parallel, else COMPOSE_PARALLEL_LIMIT; -1 and unset mean no limit', () => {
    expect(parallelLimit(g('4'), {})).toBe(4);
    expect(parallelLimit(g(undefined), { COMPOSE_PARALLEL_LIMIT: '2' })).toBe(2);
    expect(parallelLimit(g('3'), { COMPOSE_PARALLEL_LIMIT: '2' })).toBe(3);
    expect(parallelLimit(g('-1'), {})).toBeUndefined();
    expect(parallelLimit(g(undefined), {})).toBeUndefined();
    expect(parallelLimit(g(undefined), { COMPOSE_PARALLEL_LIMIT: '' })).toBeUndefined();
  });
  it('refuses 0, other negatives and fractions', () => {
    for (const bad of ['0', '-2', '1.5', 'many']) {
      expect(usage(() => parallelLimit(g(bad), {}))).toMatch(/^invalid parallel limit/);
    }
  });
});
