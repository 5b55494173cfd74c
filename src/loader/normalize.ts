// Canonical long syntax: merged, validated documents → typed Project parts. Short forms are
// expanded (ports, volumes, depends_on, environment, build, …), relative paths resolved,
// durations and sizes written one way, and engine names given to networks/volumes/secrets/configs.
import type { Diagnostic } from '../errors.js';
import type { FileObject, Network, Service, ServicePort, ServiceVolume, Volume } from '../model/types.js';
import { isMap, locate, type Raw, type RawMap } from './located.js';
import { codeFrame } from './frame.js';
import { shellSplit } from './shlex.js';
import { canonicalDuration } from './duration.js';
import { parseBytes } from './units.js';
import { parseDotenv, DotenvError } from './dotenv.js';
import { isHostPath, isRemoteContext, resolvePath } from './paths.js';
import type { Lookup } from './template.js';
import type { Inputs } from './inputs.js';

export interface NormalizeContext {
  readonly root: RawMap;
  readonly projectName: string;
  readonly workingDir: string;
  readonly lookup: Lookup;
  readonly diags: Diagnostic[];
  /** Where files are read (env_file, label_file, seccomp profiles), remembered for the load cache. */
  readonly inputs: Inputs;
  /** Resolve relative paths, env_file, etc. (false with --no-normalize). */
  readonly resolvePaths?: boolean;
}

type Path = (string | number)[];
type Obj = Record<string, unknown>;

function fail(ctx: NormalizeContext, path: Path, message: string, hint?: string): void {
  const location = locate(ctx.root, path);
  ctx.diags.push({ message, location, frame: codeFrame(location), ...(hint ? { hint } : {}) });
}

const DURATION_KEYS = new Set(['interval', 'timeout', 'start_period', 'start_interval']);
const BYTE_KEYS = ['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size'];
const STRING_LISTS = ['dns', 'dns_search', 'dns_opt', 'tmpfs', 'cap_add', 'cap_drop', 'security_opt', 'expose', 'external_links', 'links', 'volumes_from', 'group_add', 'profiles'];

export function normalizeService(name: string, raw: RawMap, ctx: NormalizeContext): Service {
  const p: Path = ['services', name];
  const s: Obj = { name };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'env_file' || key === 'extends' || key === 'label_file') continue;
    const at = [...p, key];
    try {
      s[key] = normalizeField(key, value, at, ctx);
    } catch (e) {
      fail(ctx, at, `${key}: ${(e as Error).message}`);
    }
  }
  // env_file values sit under `environment`, which wins over them.
  const fromFiles = readEnvFiles(raw.env_file, [...p, 'env_file'], ctx);
  if (fromFiles) s.environment = { ...fromFiles, ...((s.environment as Obj | undefined) ?? {}) };
  // label_file values likewise sit under `labels`, which wins; the key itself is not kept.
  const labelFiles = readLabelFiles(raw.label_file, [...p, 'label_file'], ctx);
  if (labelFiles) s.labels = { ...labelFiles, ...((s.labels as Obj | undefined) ?? {}) };
  if (Array.isArray(s.security_opt)) s.security_opt = s.security_opt.map((o, i) => seccompProfile(o, [...p, 'security_opt', i], ctx));
  if (s.networks === undefined && s.network_mode === undefined) s.networks = { default: null };
  return s as unknown as Service;
}

function normalizeField(key: string, v: Raw, at: Path, ctx: NormalizeContext): unknown {
  switch (key) {
    case 'build':
      return normalizeBuild(v, at, ctx);
    case 'command':
    case 'entrypoint':
      if (typeof v === 'string') return shellSplit(v);
      return Array.isArray(v) ? v.map(String) : v;
    case 'environment':
      return toStringMap(v, true, ctx);
    case 'labels':
    case 'annotations':
    case 'sysctls':
      return toStringMap(v, false, ctx);
    case 'ports':
      return Array.isArray(v) ? v.flatMap((item, i) => normalizePort(item, [...at, i], ctx)) : v;
    case 'volumes':
      return Array.isArray(v) ? v.map((item, i) => normalizeVolume(item, [...at, i], ctx)) : v;
    case 'depends_on':
      return normalizeDependsOn(v);
    case 'networks':
      if (Array.isArray(v)) return Object.fromEntries(v.map((n) => [String(n), null]));
      if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, n]) => [k, isMap(n) ? normalizeServiceNetwork(n) : null]));
      return v;
    case 'healthcheck':
      return isMap(v) ? normalizeHealthcheck(v, at, ctx) : v;
    case 'stop_grace_period':
      return typeof v === 'string' || typeof v === 'number' ? durationAt(v, at, ctx) : v;
    case 'secrets':
    case 'configs':
      return Array.isArray(v) ? v.map((r) => (typeof r === 'string' ? { source: r } : r)) : v;
    case 'extra_hosts':
      return toHostsMap(v);
    case 'cpus':
      return typeof v === 'string' ? Number(v) : v;
    case 'develop':
      return isMap(v) ? normalizeDevelop(v, ctx) : v;
    case 'logging':
      return v;
    case 'deploy':
      return isMap(v) ? normalizeDeploy(v, at, ctx) : v;
    case 'post_start':
    case 'pre_stop':
      return Array.isArray(v) ? v.map((h) => (isMap(h) ? normalizeHook(h, ctx) : h)) : v;
    default:
      if (BYTE_KEYS.includes(key) && (typeof v === 'string' || typeof v === 'number')) return bytesAt(v, at, ctx);
      if (STRING_LISTS.includes(key)) return typeof v === 'string' ? [v] : Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? String(x) : x)) : v;
      return v;
  }
}

function durationAt(v: string | number, at: Path, ctx: NormalizeContext): string | undefined {
  try {
    return canonicalDuration(v);
  } catch {
    fail(ctx, at, `invalid duration "${v}"`, 'use a Go duration such as "30s", "1m30s" or "500ms"');
    return undefined;
  }
}

function bytesAt(v: string | number, at: Path, ctx: NormalizeContext): number | undefined {
  try {
    return parseBytes(v);
  } catch {
    fail(ctx, at, `invalid size "${v}"`, 'use bytes or a unit such as "512m" or "1g"');
    return undefined;
  }
}

function scalarString(v: Raw): string | null {
  if (v === null) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function toStringMap(v: Raw, resolveUnset: boolean, ctx: NormalizeContext): Record<string, string | null> | Raw {
  const out: Record<string, string | null> = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const eq = s.indexOf('=');
      if (eq < 0) out[s] = resolveUnset ? (ctx.lookup(s) ?? null) : '';
      else out[s.slice(0, eq)] = s.slice(eq + 1);
    }
    return out;
  }
  if (!isMap(v)) return v;
  for (const [k, val] of Object.entries(v)) {
    out[k] = val === null ? (resolveUnset ? (ctx.lookup(k) ?? null) : '') : scalarString(val);
  }
  return out;
}

function toHostsMap(v: Raw): unknown {
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x.map(String) : String(x)]));
  if (!Array.isArray(v)) return v;
  const out: Record<string, string | string[]> = {};
  for (const item of v) {
    const s = String(item);
    const sep = s.search(/[=:]/);
    const host = sep < 0 ? s : s.slice(0, sep);
    const ip = sep < 0 ? '' : s.slice(sep + 1);
    const prev = out[host];
    out[host] = prev === undefined ? ip : Array.isArray(prev) ? [...prev, ip] : [prev, ip];
  }
  return out;
}

function normalizeBuild(v: Raw, at: Path, ctx: NormalizeContext): unknown {
  const resolveCtx = (c: string) => (isRemoteContext(c) ? c : resolvePath(ctx.workingDir, c));
  if (typeof v === 'string') return { context: resolveCtx(v) };
  if (!isMap(v)) return v;
  const b: Obj = { ...v, context: resolveCtx(typeof v.context === 'string' ? v.context : '.') };
  if (v.args !== undefined) b.args = toStringMap(v.args, true, ctx);
  if (v.labels !== undefined) b.labels = toStringMap(v.labels, false, ctx);
  if (v.extra_hosts !== undefined) b.extra_hosts = toHostsMap(v.extra_hosts);
  if (v.additional_contexts !== undefined) b.additional_contexts = toStringMap(v.additional_contexts, false, ctx);
  if (Array.isArray(v.secrets)) b.secrets = v.secrets.map((r) => (typeof r === 'string' ? { source: r } : r));
  if (typeof v.shm_size === 'string' || typeof v.shm_size === 'number') b.shm_size = bytesAt(v.shm_size, [...at, 'shm_size'], ctx);
  if (typeof v.ssh === 'string') b.ssh = [v.ssh];
  for (const k of ['cache_from', 'cache_to', 'tags', 'platforms']) if (typeof v[k] === 'string') b[k] = [v[k]];
  return b;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

function normalizePort(v: Raw, at: Path, ctx: NormalizeContext): ServicePort[] {
  if (typeof v === 'number') return [{ mode: 'ingress', target: v, protocol: 'tcp' }];
  if (isMap(v)) {
    const port: Obj = { mode: 'ingress', ...v, protocol: (v.protocol as string | undefined) ?? 'tcp' };
    if (typeof v.target === 'string') {
      port.target = Number(v.target);
      if (!/^\d+$/.test(v.target)) {
        fail(ctx, [...at, 'target'], `invalid port target "${v.target}"`, 'a container port is a number');
        return [];
      }
    }
    if (v.published !== undefined && v.published !== null) port.published = String(v.published);
    return [port as unknown as ServicePort];
  }
  if (typeof v !== 'string') return [];
  const parsed = parsePortSpec(v);
  if (typeof parsed === 'string') {
    fail(ctx, at, `invalid port "${v}": ${parsed}`, 'write [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "8080:80"');
    return [];
  }
  return parsed;
}

/** Short port syntax → long entries; a string explains what is wrong. */
export function parsePortSpec(spec: string): ServicePort[] | string {
  let s = spec.trim();
  let protocol = 'tcp';
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    protocol = s.slice(slash + 1).toLowerCase();
    s = s.slice(0, slash);
    if (!PROTOCOLS.has(protocol)) return `unknown protocol "${protocol}"`;
  }
  let hostIp: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0 || s[close + 1] !== ':') return 'bad IPv6 address';
    hostIp = s.slice(1, close);
    s = s.slice(close + 2);
  }
  const parts = s.split(':');
  if (parts.length > 3 || (hostIp !== undefined && parts.length > 2)) {
    // An unbracketed IPv6 host address: everything before the last two parts.
    if (hostIp !== undefined) return 'too many colons';
    hostIp = parts.slice(0, parts.length - 2).join(':');
    parts.splice(0, parts.length - 2);
  }
  if (parts.length === 3) hostIp = parts.shift();
  const target = parts.pop()!;
  const published = parts.pop();
  const tr = range(target);
  if (!tr) return `"${target}" is not a port or range`;
  let pr: [number, number] | undefined;
  if (published !== undefined && published !== '') {
    pr = range(published);
    if (!pr) return `"${published}" is not a port or range`;
  }
  const base = (t: number): Obj => ({
    mode: 'ingress',
    ...(hostIp ? { host_ip: hostIp } : {}),
    target: t,
    protocol,
  });
  const count = tr[1] - tr[0] + 1;
  if (count === 1) {
    const p = base(tr[0]);
    if (pr) p.published = pr[0] === pr[1] ? String(pr[0]) : `${pr[0]}-${pr[1]}`;
    return [p as unknown as ServicePort];
  }
  if (pr && pr[1] - pr[0] + 1 !== count && pr[0] !== pr[1]) return 'the host and container port ranges differ in size';
  const out: ServicePort[] = [];
  for (let i = 0; i < count; i++) {
    const p = base(tr[0] + i);
    if (pr) p.published = String(pr[0] === pr[1] ? pr[0] : pr[0] + i);
    out.push(p as unknown as ServicePort);
  }
  return out;
}

function range(s: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a > 65535 || b > 65535 || b < a) return undefined;
  return [a, b];
}

const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

function normalizeVolume(v: Raw, at: Path, ctx: NormalizeContext): ServiceVolume | Raw {
  if (isMap(v)) {
    const out: Obj = { ...v };
    if (out.type === 'bind' && typeof out.source === 'string') out.source = resolvePath(ctx.workingDir, out.source);
    if (isMap(v.tmpfs) && (typeof v.tmpfs.size === 'string' || typeof v.tmpfs.size === 'number')) {
      out.tmpfs = { ...v.tmpfs, size: bytesAt(v.tmpfs.size, [...at, 'tmpfs', 'size'], ctx) };
    }
    if (out.type === 'bind' && out.bind === undefined) out.bind = { create_host_path: true };
    return out as unknown as ServiceVolume;
  }
  if (typeof v !== 'string') return v;
  const parts = splitVolumeSpec(v);
  if (parts.length === 1) return { type: 'volume', target: parts[0]! };
  if (parts.length > 3 || !parts[0] || !parts[1]) {
    fail(ctx, at, `invalid volume "${v}"`, 'write SOURCE:TARGET[:MODE] or TARGET');
    return null;
  }
  const [source, target, mode] = parts as [string, string, string | undefined];
  const opts = mode ? mode.split(',') : [];
  const bind = isHostPath(source);
  const out: Obj = bind ? { type: 'bind', source: resolvePath(ctx.workingDir, source), target } : { type: 'volume', source, target };
  const bindOpts: Obj = {};
  for (const o of opts) {
    if (o === 'ro') out.read_only = true;
    else if (o === 'rw') continue;
    else if (o === 'z' || o === 'Z') bindOpts.selinux = o;
    else if (PROPAGATION.has(o)) bindOpts.propagation = o;
    else if (o === 'nocopy') out.volume = { nocopy: true };
    else if (o === 'cached' || o === 'delegated' || o === 'consistent') out.consistency = o;
    else fail(ctx, at, `invalid volume mode "${o}" in "${v}"`, 'use ro, rw, z, Z, nocopy or a propagation mode');
  }
  if (bind) out.bind = { ...bindOpts, create_host_path: true };
  return out as unknown as ServiceVolume;
}

function splitVolumeSpec(v: string): string[] {
  // Keep a Windows drive letter ("C:\data:/data") in one piece.
  const m = /^([A-Za-z]:[\\/][^:]*)(:.*)?$/.exec(v);
  if (m) return [m[1]!, ...(m[2] ? m[2].slice(1).split(':') : [])];
  return v.split(':');
}

function normalizeDependsOn(v: Raw): unknown {
  if (Array.isArray(v)) return Object.fromEntries(v.map((d) => [String(d), { condition: 'service_started', required: true }]));
  if (!isMap(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, d]) => {
      const dep = isMap(d) ? d : {};
      return [k, { ...dep, condition: dep.condition ?? 'service_started', required: dep.required ?? true }];
    }),
  );
}

function normalizeServiceNetwork(n: RawMap): unknown {
  const out: Obj = { ...n };
  if (typeof n.aliases === 'string') out.aliases = [n.aliases];
  return out;
}

function normalizeHealthcheck(v: RawMap, at: Path, ctx: NormalizeContext): unknown {
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'test') out.test = typeof x === 'string' ? ['CMD-SHELL', x] : Array.isArray(x) ? x.map(String) : x;
    else if (DURATION_KEYS.has(k) && (typeof x === 'string' || typeof x === 'number')) out[k] = durationAt(x, [...at, k], ctx);
    else out[k] = x;
  }
  return out;
}

function normalizeDeploy(v: RawMap, at: Path, ctx: NormalizeContext): unknown {
  const out: Obj = { ...v };
  for (const section of ['restart_policy', 'update_config', 'rollback_config']) {
    const sec = v[section];
    if (!isMap(sec)) continue;
    const s: Obj = { ...sec };
    for (const k of ['delay', 'window', 'monitor']) {
      const x = sec[k];
      if (typeof x === 'string' || typeof x === 'number') s[k] = durationAt(x, [...at, section, k], ctx);
    }
    out[section] = s;
  }
  return out;
}

function normalizeDevelop(v: RawMap, ctx: NormalizeContext): unknown {
  if (!Array.isArray(v.watch)) return v;
  return {
    ...v,
    watch: v.watch.map((w) => (isMap(w) && typeof w.path === 'string' ? { ...w, path: resolvePath(ctx.workingDir, w.path) } : w)),
  };
}

/** A lifecycle hook: command as a list, environment as a map (like the service's own). */
function normalizeHook(h: RawMap, ctx: NormalizeContext): unknown {
  const out: Obj = { ...h };
  if (typeof h.command === 'string') out.command = shellSplit(h.command);
  else if (Array.isArray(h.command)) out.command = h.command.map(String);
  if (h.environment !== undefined) out.environment = toStringMap(h.environment, true, ctx);
  return out;
}

/** label_file: KEY=VALUE lines read like env files (no interpolation from the project's environment). */
function readLabelFiles(v: Raw | undefined, at: Path, ctx: NormalizeContext): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const out: Record<string, string> = {};
  list.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const file = resolvePath(ctx.workingDir, item);
    let text: string;
    try {
      text = ctx.inputs.read(file);
    } catch {
      fail(ctx, Array.isArray(v) ? [...at, i] : at, `label file ${file} not found`);
      return;
    }
    try {
      Object.assign(out, parseDotenv(text, (n) => out[n], false));
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      ctx.diags.push({ message: e.message, location: { file, line: e.line, col: 1 } });
    }
  });
  return out;
}

/**
 * `seccomp=<file>` (or `seccomp:<file>`): the engine wants the profile itself, so the file is
 * read here, relative to the project directory, and sent as `seccomp=<json>` like docker
 * compose does. `unconfined`, `builtin` and inline JSON stay as written.
 */
function seccompProfile(opt: unknown, at: Path, ctx: NormalizeContext): unknown {
  if (typeof opt !== 'string') return opt;
  const m = /^seccomp[=:](.+)$/s.exec(opt);
  if (!m || m[1] === 'unconfined' || m[1] === 'builtin' || m[1]!.trimStart().startsWith('{')) return opt;
  const file = resolvePath(ctx.workingDir, m[1]!);
  let text: string;
  try {
    text = ctx.inputs.read(file);
  } catch {
    fail(ctx, at, `seccomp profile ${file} not found`);
    return opt;
  }
  try {
    return `seccomp=${JSON.stringify(JSON.parse(text))}`;
  } catch (e) {
    fail(ctx, at, `seccomp profile ${file} is not valid JSON: ${(e as Error).message}`);
    return opt;
  }
}

function readEnvFiles(v: Raw | undefined, at: Path, ctx: NormalizeContext): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const out: Record<string, string> = {};
  list.forEach((item, i) => {
    const entry = typeof item === 'string' ? { path: item, required: true, format: undefined } : isMap(item) ? item : undefined;
    if (!entry || typeof entry.path !== 'string') return;
    const file = resolvePath(ctx.workingDir, entry.path);
    let text: string;
    try {
      text = ctx.inputs.read(file);
    } catch {
      if (entry.required !== false) fail(ctx, Array.isArray(v) ? [...at, i] : at, `env file ${file} not found`);
      return;
    }
    try {
      Object.assign(out, parseDotenv(text, (n) => out[n] ?? ctx.lookup(n), entry.format === 'raw'));
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      const location = { file, line: e.line, col: 1 };
      ctx.diags.push({ message: e.message, location });
    }
  });
  return out;
}

/** Top-level networks/volumes: engine names and the legacy `external: {name}` form. */
export function normalizeResource<T extends Network | Volume>(key: string, v: Raw, ctx: NormalizeContext): T {
  const r: Obj = isMap(v) ? { ...v } : {};
  if (isMap(r.external)) {
    const legacy = r.external as RawMap;
    r.external = true;
    if (typeof legacy.name === 'string' && r.name === undefined) r.name = legacy.name;
  }
  if (r.labels !== undefined) r.labels = toStringMap(r.labels as Raw, false, ctx);
  if (typeof r.name !== 'string') r.name = r.external === true ? key : `${ctx.projectName}_${key}`;
  return r as T;
}

export function normalizeFileObject(key: string, v: Raw, ctx: NormalizeContext): FileObject {
  const r: Obj = isMap(v) ? { ...v } : {};
  if (isMap(r.external)) {
    const legacy = r.external as RawMap;
    r.external = true;
    if (typeof legacy.name === 'string' && r.name === undefined) r.name = legacy.name;
  }
  if (typeof r.file === 'string') r.file = resolvePath(ctx.workingDir, r.file);
  if (r.labels !== undefined) r.labels = toStringMap(r.labels as Raw, false, ctx);
  if (typeof r.name !== 'string') r.name = r.external === true ? key : `${ctx.projectName}_${key}`;
  return r as unknown as FileObject;
}
