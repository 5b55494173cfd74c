// Source positions for a plain-data tree. The loader works on plain JS values (fast, easy to
// merge) and keeps each container's positions on the side, so any value can be pointed at
// after interpolation, merging and extends.
import type { Location } from '../model/types.js';

export type Raw = null | boolean | number | string | RawMap | RawSeq;
export interface RawMap {
  [key: string]: Raw;
}
export type RawSeq = Raw[];

export interface Meta {
  /** Where the container itself starts. */
  loc: Location;
  /** Where each key of a mapping is written. */
  keys: Map<string, Location>;
  /** Where each value (mapping key or sequence index) starts. */
  values: Map<string | number, Location>;
  /** `!reset` / `!override` tags on values, by key or index. */
  tags?: Map<string | number, string>;
}

// Kept in a non-enumerable symbol property rather than a WeakMap: tens of thousands of
// WeakMap entries make garbage collection slow, and symbols stay out of Object.keys/JSON.
const META = Symbol('meta');
type WithMeta = { [META]?: Meta };
const metas = {
  get: (o: object): Meta | undefined => (o as WithMeta)[META],
  has: (o: object): boolean => (o as WithMeta)[META] !== undefined,
  set: (o: object, m: Meta): void => {
    if (META in o) (o as WithMeta)[META] = m;
    else Object.defineProperty(o, META, { value: m, writable: true, enumerable: false, configurable: true });
  },
};

export function metaOf(o: unknown): Meta | undefined {
  return o !== null && typeof o === 'object' ? metas.get(o) : undefined;
}

export function setMeta(o: object, m: Meta): void {
  metas.set(o, m);
}

export function isMap(v: unknown): v is RawMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets an own property, also for the key `__proto__`. */
export function put(o: RawMap, key: string, value: Raw): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

export function newMap(loc?: Location): RawMap {
  const m: RawMap = {};
  if (loc) metas.set(m, { loc, keys: new Map(), values: new Map() });
  return m;
}

/** Copies the positions of `src[srcKey]` to `dst[dstKey]`. */
export function copyEntryMeta(dst: object, dstKey: string | number, src: object, srcKey: string | number): void {
  const sm = metas.get(src);
  if (!sm) return;
  let dm = metas.get(dst);
  if (!dm) {
    dm = { loc: sm.loc, keys: new Map(), values: new Map() };
    metas.set(dst, dm);
  }
  const k = sm.keys.get(String(srcKey));
  if (k) dm.keys.set(String(dstKey), k);
  const v = sm.values.get(srcKey);
  if (v) dm.values.set(dstKey, v);
}

/** Gives `dst` the container position of `src` when it has none. */
export function inheritMeta(dst: object, src: unknown): void {
  const sm = metaOf(src);
  if (!sm || metas.has(dst)) return;
  metas.set(dst, { loc: sm.loc, keys: new Map(), values: new Map() });
}

/**
 * Finds the position of `path` under `root`: the key itself (`at: 'key'`) or its value.
 * Falls back to the nearest ancestor that has a position.
 */
export function locate(root: unknown, path: readonly (string | number)[], at: 'key' | 'value' = 'value'): Location | undefined {
  let node: unknown = root;
  let best = metaOf(root)?.loc;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const m = metaOf(node);
    const last = i === path.length - 1;
    if (m) {
      const key = Array.isArray(node) ? Number(seg) : String(seg);
      const l = last && at === 'key' ? (m.keys.get(String(seg)) ?? m.values.get(key)) : (m.values.get(key) ?? m.keys.get(String(seg)));
      if (l) best = l;
    }
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return best;
}
