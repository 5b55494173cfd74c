// Consistency rules the schema cannot express: references to undefined services, networks,
// volumes, secrets and configs; network_mode with networks; external with driver;
// container_name with several replicas; one host port published twice; dependency cycles.
import type { Diagnostic } from '../errors.js';
import type { FileObject, Network, Service, Volume } from '../model/types.js';
import { findCycle } from '../graph/cycle.js';
import { isMap, locate, type RawMap } from './located.js';
import { codeFrame } from './frame.js';
import { suggest } from './suggest.js';

export interface CheckInput {
  readonly services: Readonly<Record<string, Service>>; // enabled
  readonly allServices: Readonly<Record<string, Service>>;
  readonly networks: Readonly<Record<string, Network>>;
  readonly volumes: Readonly<Record<string, Volume>>;
  readonly secrets: Readonly<Record<string, FileObject>>;
  readonly configs: Readonly<Record<string, FileObject>>;
}

/** Services a service needs started first, from every kind of reference, with where it is written. */
export function serviceReferences(s: Service): { target: string; path: (string | number)[]; kind: string }[] {
  const refs: { target: string; path: (string | number)[]; kind: string }[] = [];
  for (const d of Object.keys(s.depends_on ?? {})) refs.push({ target: d, path: ['depends_on', d], kind: 'depends_on' });
  (s.links ?? []).forEach((l, i) => refs.push({ target: l.split(':')[0]!, path: ['links', i], kind: 'links' }));
  for (const key of ['network_mode', 'ipc', 'pid'] as const) {
    const v = s[key];
    if (typeof v === 'string' && v.startsWith('service:')) refs.push({ target: v.slice(8), path: [key], kind: key });
  }
  (s.volumes_from ?? []).forEach((v, i) => {
    if (v.startsWith('container:')) return;
    const name = v.startsWith('service:') ? v.slice(8) : v;
    refs.push({ target: name.split(':')[0]!, path: ['volumes_from', i], kind: 'volumes_from' });
  });
  return refs;
}

export function checkProject(root: RawMap, p: CheckInput, diags: Diagnostic[]): void {
  const add = (path: (string | number)[], message: string, hint?: string, at: 'key' | 'value' = 'value') => {
    const location = locate(root, path, at);
    diags.push({ message, location, frame: codeFrame(location), ...(hint ? { hint } : {}) });
  };
  const didYouMean = (name: string, options: Iterable<string>) => {
    const s = suggest(name, [...options]);
    return s ? `did you mean "${s}"?` : undefined;
  };
  const rawServices = isMap(root.services) ? root.services : {};
  const published = new Map<string, string>();

  for (const [name, s] of Object.entries(p.services)) {
    const sp = ['services', name];
    const raw = rawServices[name];
    for (const r of serviceReferences(s)) {
      if (!p.allServices[r.target]) {
        add([...sp, ...rawPath(raw, r.path)], `service "${name}" depends on undefined service "${r.target}"`, didYouMean(r.target, Object.keys(p.allServices)), 'key');
      }
    }
    if (isMap(raw) && raw.network_mode !== undefined && raw.networks !== undefined) {
      add([...sp, 'network_mode'], `service "${name}" declares both network_mode and networks, which cannot be used together`);
    }
    for (const n of Object.keys(s.networks ?? {})) {
      if (!p.networks[n]) add([...sp, ...rawPath(raw, ['networks', n])], `service "${name}" refers to undefined network "${n}"`, didYouMean(n, Object.keys(p.networks)), 'key');
    }
    (s.volumes ?? []).forEach((v, i) => {
      if (v && v.type === 'volume' && v.source && !p.volumes[v.source]) {
        add([...sp, 'volumes', i], `service "${name}" refers to undefined volume "${v.source}"`, didYouMean(v.source, Object.keys(p.volumes)) ?? 'declare it under the top-level `volumes:`');
      }
    });
    for (const kind of ['secrets', 'configs'] as const) {
      (s[kind] ?? []).forEach((r, i) => {
        if (r && typeof r.source === 'string' && !p[kind][r.source]) {
          add([...sp, kind, i], `service "${name}" refers to undefined ${kind.slice(0, -1)} "${r.source}"`, didYouMean(r.source, Object.keys(p[kind])));
        }
      });
    }
    const replicas = s.scale ?? (isMap(s.deploy as RawMap) ? ((s.deploy as RawMap).replicas as number | undefined) : undefined);
    if (s.container_name && typeof replicas === 'number' && replicas > 1) {
      add([...sp, 'container_name'], `service "${name}" sets container_name "${s.container_name}" but asks for ${replicas} replicas; container names must be unique`);
    }
    (s.ports ?? []).forEach((port, i) => {
      if (!port || port.published === undefined) return;
      const key = `${port.host_ip ?? '0.0.0.0'}:${port.published}/${port.protocol}`;
      const other = published.get(key);
      if (other !== undefined && other !== name) {
        add([...sp, 'ports', i], `host port ${port.host_ip ? port.host_ip + ':' : ''}${port.published}/${port.protocol} is published by both "${other}" and "${name}"`);
      } else published.set(key, name);
    });
  }

  for (const [kind, defs] of [['network', p.networks], ['volume', p.volumes]] as const) {
    for (const [key, def] of Object.entries(defs)) {
      if (def.external !== true) continue;
      for (const bad of ['driver', 'driver_opts', 'ipam', 'internal'] as const) {
        if (def[bad] !== undefined && (bad !== 'internal' || kind === 'network')) {
          add([`${kind}s`, key, bad], `conflicting parameters "external" and "${bad}" specified for ${kind} "${key}"`, undefined, 'key');
        }
      }
    }
  }

  const cycle = findCycle(Object.keys(p.services), (n) =>
    serviceReferences(p.services[n]!)
      .map((r) => r.target)
      .filter((t) => p.services[t]),
  );
  if (cycle) {
    const first = cycle[0]!;
    const ref = serviceReferences(p.services[first]!).find((r) => r.target === cycle[1]);
    const raw = rawServices[first];
    const path = rawPath(raw, ref?.path ?? []);
    add(['services', first, ...path], `dependency cycle: ${cycle.join(' -> ')}`, undefined, path.length === 2 ? 'key' : 'value');
  }
}

/** Where a map-form path (depends_on.b) is written when the file used the list form. */
export function rawPath(raw: unknown, path: (string | number)[]): (string | number)[] {
  const [field, name] = path;
  if (path.length !== 2 || typeof field !== 'string' || typeof name !== 'string' || !isMap(raw)) return path;
  const v = raw[field];
  if (Array.isArray(v)) {
    const i = v.findIndex((x) => String(x) === name);
    if (i >= 0) return [field, i];
  }
  return path;
}
