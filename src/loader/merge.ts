// Merging compose documents (-f a -f b, extends) by the Compose Specification's rules:
// mappings merge key by key; `command`/`entrypoint`/`healthcheck.test` are replaced; list-or-map
// fields (environment, labels, depends_on, networks, …) merge by key; ports, volumes, secrets,
// configs and devices merge by identity; other sequences append without duplicates.
// `!reset` removes a value, `!override` replaces it whole. Positions follow the values.
import { copyEntryMeta, inheritMeta, isMap, metaOf, put, setMeta, type Raw, type RawMap, type RawSeq } from './located.js';

type Ctx = 'top' | 'services' | 'service' | 'build' | 'logging' | 'other';

const REPLACED = new Set(['command', 'entrypoint']);
const BY_KEY = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts', 'depends_on', 'networks', 'ulimits', 'storage_opt', 'driver_opts', 'build_args']);
const APPEND_UNIQUE = new Set([
  'dns', 'dns_search', 'dns_opt', 'expose', 'cap_add', 'cap_drop', 'security_opt', 'tmpfs', 'env_file',
  'external_links', 'links', 'group_add', 'volumes_from', 'profiles', 'device_cgroup_rules', 'label_file',
]);

/** Merges `over` onto `base` (either may be absent). Neither input is changed. */
export function mergeDocuments(base: Raw | undefined, over: Raw): Raw {
  return mergeValue(base, over, 'top', '');
}

/** Merges two service definitions (used by extends). */
export function mergeServices(base: Raw, over: Raw): Raw {
  return mergeValue(base, over, 'service', '');
}

function mergeValue(base: Raw | undefined, over: Raw, ctx: Ctx, key: string): Raw {
  if (base === undefined) return copy(over);
  if (isMap(base) && isMap(over)) return mergeMaps(base, over, ctx);
  if (Array.isArray(base) && Array.isArray(over)) return mergeSeqs(base, over, ctx, key);
  return copy(over);
}

function childCtx(ctx: Ctx, key: string): Ctx {
  if (ctx === 'top') return key === 'services' ? 'services' : 'other';
  if (ctx === 'services') return 'service';
  if (ctx === 'service') return key === 'build' ? 'build' : key === 'logging' ? 'logging' : 'other';
  return 'other';
}

function mergeMaps(base: RawMap, over: RawMap, ctx: Ctx): RawMap {
  const out: RawMap = {};
  inheritMeta(out, over);
  const om = metaOf(over);
  if (ctx === 'logging' && typeof base.driver === 'string' && typeof over.driver === 'string' && base.driver !== over.driver) {
    return copy(over) as RawMap;
  }
  for (const k of Object.keys(base)) {
    if (om?.tags?.get(k) === '!reset') continue;
    put(out, k, copy(base[k]!));
    copyEntryMeta(out, k, base, k);
  }
  for (const k of Object.keys(over)) {
    const tag = om?.tags?.get(k);
    if (tag === '!reset') {
      delete out[k];
      continue;
    }
    const has = Object.prototype.hasOwnProperty.call(base, k);
    let v: Raw;
    if (tag === '!override' || !has) v = copy(over[k]!);
    else v = mergeField(base[k]!, over[k]!, ctx, k);
    put(out, k, v);
    copyEntryMeta(out, k, over, k);
  }
  return out;
}

function mergeField(b: Raw, o: Raw, ctx: Ctx, k: string): Raw {
  if (ctx === 'service' || ctx === 'build') {
    if (REPLACED.has(k)) return copy(o);
    if (ctx === 'service' && k === 'healthcheck' && isMap(b) && isMap(o)) {
      const merged = mergeMaps(b, o, 'other');
      if ('test' in o) merged.test = copy(o.test!);
      return merged;
    }
    if (ctx === 'service' && k === 'build') {
      const bb = typeof b === 'string' ? { context: b } : b;
      const oo = typeof o === 'string' ? { context: o } : o;
      return mergeValue(bb, oo, 'build', k);
    }
    if (BY_KEY.has(k) || (ctx === 'build' && (k === 'args' || k === 'labels' || k === 'extra_hosts'))) {
      const bm = toMap(b, k);
      const om = toMap(o, k);
      if (bm && om) return mergeMaps(bm, om, 'other');
      return copy(o);
    }
    if (ctx === 'service' && APPEND_UNIQUE.has(k)) {
      const bs = typeof b === 'string' ? [b] : b;
      const os = typeof o === 'string' ? [o] : o;
      if (Array.isArray(bs) && Array.isArray(os)) return appendUnique(bs, os, () => undefined);
      return copy(o);
    }
    if (ctx === 'service' && Array.isArray(b) && Array.isArray(o)) {
      const id = IDENTITY[k];
      if (id) return appendUnique(b, o, id);
    }
  }
  return mergeValue(b, o, childCtx(ctx, k), k);
}

function mergeSeqs(base: RawSeq, over: RawSeq, _ctx: Ctx, _key: string): RawSeq {
  return appendUnique(base, over, () => undefined);
}

/** Appends `over` to `base`; an item whose identity (or scalar value) is already there replaces it. */
function appendUnique(base: RawSeq, over: RawSeq, identity: (v: Raw) => string | undefined): RawSeq {
  const out: RawSeq = [];
  const index = new Map<string, number>();
  const add = (v: Raw, src: RawSeq, i: number) => {
    const id = identity(v) ?? (v === null || typeof v !== 'object' ? `=${JSON.stringify(v)}` : undefined);
    const at = id === undefined ? undefined : index.get(id);
    if (at !== undefined) {
      out[at] = copy(v);
      copyEntryMeta(out, at, src, i);
      return;
    }
    if (id !== undefined) index.set(id, out.length);
    copyEntryMeta(out, out.length, src, i);
    out.push(copy(v));
  };
  base.forEach((v, i) => add(v, base, i));
  const om = metaOf(over);
  over.forEach((v, i) => {
    if (om?.tags?.get(i) === '!reset') return;
    add(v, over, i);
  });
  inheritMeta(out, over);
  inheritMeta(out, base);
  return out;
}

const IDENTITY: Record<string, (v: Raw) => string | undefined> = {
  ports: (v) => {
    if (typeof v === 'string' || typeof v === 'number') return `p:${v}`;
    if (isMap(v)) return `p:${v.host_ip ?? ''}:${v.published ?? ''}:${v.target}/${v.protocol ?? 'tcp'}`;
    return undefined;
  },
  volumes: (v) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      return `v:${parts.length >= 2 ? parts[1] : parts[0]}`;
    }
    if (isMap(v) && typeof v.target === 'string') return `v:${v.target}`;
    return undefined;
  },
  secrets: fileRefIdentity,
  configs: fileRefIdentity,
  devices: (v) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      return `d:${parts.length >= 2 ? parts[1] : parts[0]}`;
    }
    if (isMap(v) && typeof v.target === 'string') return `d:${v.target}`;
    return undefined;
  },
};

function fileRefIdentity(v: Raw): string | undefined {
  if (typeof v === 'string') return `f:${v}`;
  if (isMap(v)) return `f:${typeof v.target === 'string' ? v.target : v.source}`;
  return undefined;
}

/** List forms of list-or-map fields → mapping (positions kept); undefined when not convertible. */
export function toMap(v: Raw, key: string): RawMap | undefined {
  if (isMap(v)) return v;
  if (!Array.isArray(v)) return undefined;
  const out: RawMap = {};
  inheritMeta(out, v);
  const m = metaOf(v);
  for (let i = 0; i < v.length; i++) {
    const item = v[i];
    if (typeof item !== 'string' && typeof item !== 'number') return undefined;
    const s = String(item);
    let k: string;
    let val: Raw;
    if (key === 'depends_on') {
      k = s;
      val = { condition: 'service_started' };
    } else if (key === 'networks') {
      k = s;
      val = null;
    } else if (key === 'extra_hosts') {
      const sep = s.search(/[=:]/);
      k = sep < 0 ? s : s.slice(0, sep);
      val = sep < 0 ? '' : s.slice(sep + 1);
    } else {
      const eq = s.indexOf('=');
      k = eq < 0 ? s : s.slice(0, eq);
      val = eq < 0 ? null : s.slice(eq + 1);
    }
    put(out, k, val);
    const l = m?.values.get(i);
    if (l) {
      metaOf(out)?.keys.set(k, l);
      metaOf(out)?.values.set(k, l);
    }
  }
  return out;
}

/** Deep copy that keeps positions and drops `!reset` items/keys (tags do not outlive a merge). */
export function copy(v: Raw): Raw {
  if (v === null || typeof v !== 'object') return v;
  const m = metaOf(v);
  if (Array.isArray(v)) {
    const out: RawSeq = [];
    v.forEach((item, i) => {
      if (m?.tags?.get(i) === '!reset') return;
      copyEntryMeta(out, out.length, v, i);
      out.push(copy(item));
    });
    if (m) inheritMeta(out, v);
    return out;
  }
  const out: RawMap = {};
  if (m) setMeta(out, { loc: m.loc, keys: new Map(), values: new Map() });
  for (const k of Object.keys(v)) {
    if (m?.tags?.get(k) === '!reset') continue;
    put(out, k, copy(v[k]!));
    copyEntryMeta(out, k, v, k);
  }
  return out;
}
