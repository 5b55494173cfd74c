// The config hash stored in com.docker.compose.config-hash, and per-key digests that let
// the planner say *what* changed ("config changed: environment").
import { createHash } from 'node:crypto';
import type { Project, Service } from '../model/types.js';

/** Keys that do not change the container: how the image is made, how many, when to start. */
const excluded = new Set(['build', 'pull_policy', 'scale', 'depends_on', 'profiles', 'develop', 'name']);

/** JSON with object keys sorted, so equal configs give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

function hashedFields(service: Service): [string, unknown][] {
  return Object.entries(service)
    .filter(([k, v]) => !excluded.has(k) && v !== undefined)
    .map(([k, v]) => {
      if (k !== 'deploy' || !v || typeof v !== 'object') return [k, v];
      const { replicas: _replicas, ...rest } = v as Record<string, unknown>;
      return [k, rest];
    });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** sha256 of the canonical service, without the keys that do not shape the container. */
export function configHash(service: Service): string {
  return sha256(stableStringify(Object.fromEntries(hashedFields(service))));
}

/** Short digest per key: "environment:1a2b3c4d;image:…", small enough for a label. */
export function fieldDigests(service: Service): string {
  return hashedFields(service)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}:${sha256(stableStringify(v)).slice(0, 8)}`)
    .join(';');
}

/** Keys whose digest differs between two fieldDigests() labels (both sides' keys). */
export function changedFields(before: string | undefined, after: string): string[] {
  if (!before) return [];
  const parse = (s: string): Map<string, string> =>
    new Map(s.split(';').filter(Boolean).map((e) => e.split(':') as [string, string]));
  const a = parse(before);
  const b = parse(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/**
 * Per-object digests of the content of the secrets and configs a service uses, e.g.
 * "configs.app:1a2b3c4d;secrets.token:5e6f7a8b". The config hash sees only the declaration, so
 * this is what notices a changed file. `files` holds the digests observe() read (by path);
 * undefined when a file's digest is not known, so that nothing is recreated on a guess.
 */
export function contentDigest(
  project: Pick<Project, 'secrets' | 'configs' | 'environment'>,
  service: Service,
  files: ReadonlyMap<string, string> | undefined,
): string | undefined {
  const parts: string[] = [];
  for (const kind of ['configs', 'secrets'] as const) {
    for (const ref of service[kind] ?? []) {
      const obj = project[kind][ref.source];
      if (!obj || obj.external) continue;
      let digest: string | undefined;
      if (obj.file) digest = files?.get(obj.file);
      else if (obj.content !== undefined) digest = sha256(obj.content);
      else if (obj.environment !== undefined) digest = sha256(project.environment[obj.environment] ?? '');
      if (digest === undefined) return undefined;
      parts.push(`${kind}.${ref.source}:${digest.slice(0, 12)}`);
    }
  }
  return [...new Set(parts)].sort().join(';');
}
