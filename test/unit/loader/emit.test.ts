import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYaml } from '../../../src/loader/emit.js';

it('writes YAML that reads back to the same data', () => {
  const tricky = ['', ' x', 'x ', 'true', 'No', 'null', '~', '1', '1.5', '0x1f', '8080:80', '2024-01-01', '- a', 'a: b', 'a #b', 'a:', '#c', '"q"', "'s'",
    'multi\nline', 'tab\t', '{x}', '[y]', '*alias', '&anchor', '!tag', '%p', '@at', '`b`', 'ünï', '\u2028', 'a,b', '?', ':', '|', '>', 'x: y: z'];
  const data = {
    strings: tricky,
    map: Object.fromEntries(tricky.filter(Boolean).map((s, i) => [s, i])),
    nested: [{ a: 1, b: [1, [2, 3], { c: null }] }, [], {}, [[]], null, true, -0.5],
    empty: {},
    list: [],
  };
  expect(parse(toYaml(data))).toEqual(data);
  expect(toYaml({ a: { b: [1, { c: 'd', e: ['f'] }] } })).toBe('a:\n  b:\n    - 1\n    - c: d\n      e:\n        - f\n');
});

it('round-trips random data', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const chars = 'ab :#-?\'"{}[],&*!|>%@`\n\t01.~xyzTNn';
  const str = () => Array.from({ length: Math.floor(rnd() * 6) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
  const gen = (d: number): unknown => {
    const r = rnd();
    if (d > 3 || r < 0.4) return [str(), Math.floor(rnd() * 100), rnd() < 0.5, null][Math.floor(rnd() * 4)];
    if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(d + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [str() || 'k', gen(d + 1)]));
  };
  for (let i = 0; i < 2000; i++) {
    const v = { root: gen(0) };
    expect(parse(toYaml(v))).toEqual(v);
  }
});
