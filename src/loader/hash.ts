// The config hash of a service (label com.docker.compose.config-hash): sha256 of its canonical
// JSON with sorted keys, leaving out what does not change the container itself (build,
// pull_policy, scale, deploy.replicas, depends_on, profiles). Used by `config --hash` and by
// the reconciler, so it must stay stable.
import { createHash } from 'node:crypto';
import type { Service } from '../model/types.js';

const EXCLUDED = new Set(['build', 'pull_policy', 'scale', 'depends_on', 'profiles']);

export function configHash(service: Service): string {
  const parts: string[] = [];
  const keys = Object.keys(service).filter((k) => !EXCLUDED.has(k) && service[k] !== undefined).sort();
  for (const k of keys) {
    let v = service[k];
    if (k === 'deploy' && v && typeof v === 'object') {
      const { replicas: _replicas, ...rest } = v as Record<string, unknown>;
      v = rest;
    }
    parts.push(`${JSON.stringify(k)}:${stableJson(v)}`);
  }
  return createHash('sha256').update(`{${parts.join(',')}}`).digest('hex');
}

/** JSON with object keys sorted at every level; undefined members are left out. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}
