// Planner fixtures: a Project from inline YAML and an ObservedState literal, no engine.
import type { ContainerSummary, NetworkSummary, VolumeSummary } from '../../../src/engine/types.js';
import type { Project, Service } from '../../../src/model/types.js';
import { configHash, fieldDigests } from '../../../src/state/hash.js';
import { Label } from '../../../src/state/labels.js';
import type { ObservedState } from '../../../src/state/observe.js';
import { networkHash } from '../../../src/plan/resources.js';
import { load } from '../loader/helpers.js';

export const IMAGE_ID = 'sha256:1111';

export async function project(yaml: string, env: Record<string, string> = {}): Promise<Project> {
  return (await load(yaml, { projectName: 'demo', environment: env })).project;
}

export interface ContainerFixture {
  readonly service: string;
  readonly number?: number;
  readonly state?: string;
  /** The service config the container was created from (default: the project's own, i.e. up to date). */
  readonly from?: Service;
  readonly networks?: readonly string[];
  readonly project?: string;
}

export function container(p: Project, f: ContainerFixture): ContainerSummary {
  const n = f.number ?? 1;
  const s = f.from ?? p.services[f.service] ?? ({ name: f.service } as Service);
  const name = `${p.name}-${f.service}-${n}`;
  return {
    id: `id-${name}`,
    name,
    image: s.image ?? '',
    imageId: IMAGE_ID,
    command: '',
    created: 0,
    state: f.state ?? 'running',
    status: '',
    labels: {
      [Label.project]: f.project ?? p.name,
      [Label.service]: f.service,
      [Label.number]: String(n),
      [Label.oneoff]: 'False',
      [Label.configHash]: configHash(s),
      [Label.fieldDigests]: fieldDigests(s),
      [Label.image]: IMAGE_ID,
    },
    ports: [],
    networks: f.networks ?? [`${p.name}_default`],
    mounts: [],
  };
}

/** The project's networks as created by tcompose (unless overridden), its volumes, its images present. */
export function observed(p: Project, containers: ContainerSummary[], extra: { networks?: NetworkSummary[]; volumes?: VolumeSummary[]; noResources?: boolean } = {}): ObservedState {
  const networks = new Map<string, NetworkSummary>();
  const volumes = new Map<string, VolumeSummary>();
  if (!extra.noResources) {
    for (const [key, n] of Object.entries(p.networks)) {
      if (n.external) continue;
      networks.set(n.name, network(n.name, { [Label.project]: p.name, [Label.network]: key, [Label.configHash]: networkHash(n) }));
    }
    for (const [key, v] of Object.entries(p.volumes)) {
      if (v.external) continue;
      volumes.set(v.name, { name: v.name, driver: 'local', labels: { [Label.project]: p.name, [Label.volume]: key }, options: {}, mountpoint: '' });
    }
  }
  for (const n of extra.networks ?? []) networks.set(n.name, n);
  for (const v of extra.volumes ?? []) volumes.set(v.name, v);
  const images = new Map(Object.values(p.services).map((s) => [s.image ?? `${p.name}-${s.name}`, { id: IMAGE_ID, repoTags: [], repoDigests: [], created: 0, size: 0, labels: {} }]));
  return { containers, oneoffs: [], networks, volumes, images };
}

export function network(name: string, labels: Record<string, string> = {}): NetworkSummary {
  return { id: `net-${name}`, name, driver: 'bridge', labels, internal: false, attachable: false, enableIPv6: false, options: {}, ipam: { config: [] }, containers: [] };
}
