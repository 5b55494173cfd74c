// observe: read what the engine has for a project, in a handful of parallel calls
// (one label-filtered list per resource kind, one inspect per distinct image).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ContainerSummary, Engine, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/types.js';
import type { Project } from '../model/types.js';
import { Label, projectFilter } from './labels.js';
import { containerNumber } from './containers.js';

export interface ObservedState {
  /** The project's containers, stopped ones included, one-offs (run) excluded. */
  readonly containers: readonly ContainerSummary[];
  /** The project's one-off containers (tcompose run). */
  readonly oneoffs: readonly ContainerSummary[];
  /** Networks by engine name: the project's own and the declared ones that exist. */
  readonly networks: ReadonlyMap<string, NetworkSummary>;
  /** Volumes by engine name: the project's own and the declared ones that exist. */
  readonly volumes: ReadonlyMap<string, VolumeSummary>;
  /** Images by reference; undefined = not present locally. */
  readonly images: ReadonlyMap<string, ImageSummary | undefined>;
  /**
   * sha256 of the files behind `file:` secrets and configs, by absolute path ("missing" when
   * unreadable), so the planner can recreate containers whose secret content changed.
   */
  readonly files?: ReadonlyMap<string, string>;
}

export interface ObserveOptions {
  /** Image references to look up (inspect). */
  readonly images?: readonly string[];
  readonly networks?: boolean;
  readonly volumes?: boolean;
  /**
   * Networks (engine names) whose attached containers to read, when they exist: one inspect
   * each (a list leaves NetworkSummary.containers empty). `up` names the ones it will recreate.
   */
  readonly attachments?: readonly string[];
}

export async function observe(engine: Engine, project: Project, options: ObserveOptions = {}): Promise<ObservedState> {
  const filter = projectFilter(project.name);
  const wantNetworks = options.networks ?? true;
  const wantVolumes = options.volumes ?? true;
  const [containers, networks, volumes, images, files] = await Promise.all([
    engine.listContainers({ all: true, labels: filter }),
    wantNetworks ? engine.listNetworks(filter) : Promise.resolve([]),
    wantVolumes ? engine.listVolumes(filter) : Promise.resolve([]),
    Promise.all([...new Set(options.images ?? [])].map(async (ref) => [ref, await engine.inspectImage(ref)] as const)),
    fileDigests(project),
  ]);
  const networkMap = new Map(networks.map((n) => [n.name, n]));
  const volumeMap = new Map(volumes.map((v) => [v.name, v]));
  // Declared resources that carry no project label (external, or made by someone else).
  const missingNetworks = wantNetworks ? Object.values(project.networks).filter((n) => !networkMap.has(n.name)) : [];
  const missingVolumes = wantVolumes ? Object.values(project.volumes).filter((v) => !volumeMap.has(v.name)) : [];
  await Promise.all([
    inspectNetworks(engine, networkMap, options.attachments ?? []),
    ...missingNetworks.map(async (n) => {
      const found = await engine.inspectNetwork(n.name);
      if (found) networkMap.set(n.name, found);
    }),
    ...missingVolumes.map(async (v) => {
      const found = await engine.inspectVolume(v.name);
      if (found) volumeMap.set(v.name, found);
    }),
  ]);
  const isOneoff = (c: ContainerSummary): boolean => c.labels[Label.oneoff] === 'True';
  return {
    containers: containers.filter((c) => !isOneoff(c)),
    oneoffs: containers.filter(isOneoff),
    networks: networkMap,
    volumes: volumeMap,
    images: new Map(images),
    files,
  };
}

/** Replaces listed networks of `map` named in `names` by their inspection (attachments included). */
async function inspectNetworks(engine: Engine, map: Map<string, NetworkSummary>, names: readonly string[]): Promise<void> {
  await Promise.all(
    [...new Set(names)].filter((name) => map.has(name)).map(async (name) => {
      const found = await engine.inspectNetwork(name);
      if (found) map.set(name, found);
      else map.delete(name); // removed since the list
    }),
  );
}

/** The state with the attachments of the named networks read (see ObserveOptions.attachments). */
export async function withAttachments(engine: Engine, observed: ObservedState, names: readonly string[]): Promise<ObservedState> {
  if (!names.length) return observed;
  const networks = new Map(observed.networks);
  await inspectNetworks(engine, networks, names);
  return { ...observed, networks };
}

/** Digests of every file a secret or config of the project points at. */
async function fileDigests(project: Project): Promise<Map<string, string>> {
  const paths = new Set([...Object.values(project.secrets), ...Object.values(project.configs)].flatMap((o) => (o.file && !o.external ? [o.file] : [])));
  const entries = await Promise.all(
    [...paths].map(async (path) => {
      try {
        return [path, createHash('sha256').update(await readFile(path)).digest('hex')] as const;
      } catch {
        return [path, 'missing'] as const;
      }
    }),
  );
  return new Map(entries);
}

/**
 * Whether a container counts as up: running, restarting, or paused (the engine counts a paused
 * container as running; so does docker compose). Such a container needs a stop before removal.
 */
export const isUp = (c: ContainerSummary): boolean => c.state === 'running' || c.state === 'paused' || c.state === 'restarting';

/** A container's number from its label (0 when absent or malformed). */
/** The project's containers of one service, lowest number first. */
export function containersOfService(observed: ObservedState, service: string): ContainerSummary[] {
  return observed.containers
    .filter((c) => c.labels[Label.service] === service)
    .sort((a, b) => containerNumber(a) - containerNumber(b));
}
