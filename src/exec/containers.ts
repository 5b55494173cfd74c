// Container operations of a plan, one small function each.
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import type { ContainerCreateBody, EndpointConfig, Engine } from '../engine/types.js';
import type { ContainerFile } from '../plan/types.js';

type ExtraNetworks = readonly { readonly network: string; readonly endpoint: EndpointConfig }[];

export async function createContainer(engine: Engine, name: string, body: ContainerCreateBody, extra: ExtraNetworks, files: readonly ContainerFile[] = []): Promise<string> {
  const id = await engine.createContainer(name, body);
  // API 1.41 takes one network at create; the others are connected before the first start.
  for (const n of extra) await engine.connectNetwork(n.network, id, n.endpoint);
  if (files.length) await engine.putArchive(id, '/', tarOf(files));
  return id;
}

/** A tar stream of the files, paths relative to / (the engine creates missing parent directories). */
export function tarOf(files: readonly ContainerFile[]): Readable {
  const pack = tar.pack();
  for (const f of files) {
    pack.entry({ name: f.path.replace(/^\/+/, ''), mode: f.mode, uid: f.uid, gid: f.gid, mtime: new Date(0) }, f.content);
  }
  pack.finalize();
  return pack as unknown as Readable;
}

/**
 * Replaces a container the way docker compose does: create the new one under a temporary
 * name, stop and remove the old one, then give the new one its name. Anonymous volumes of
 * the old container are mounted into the new one so their data survives.
 */
export async function recreateContainer(
  engine: Engine,
  old: { readonly id: string; readonly name: string },
  body: ContainerCreateBody,
  extra: ExtraNetworks,
  options: { readonly timeout?: number; readonly keepAnonymousVolumes: boolean; readonly files?: readonly ContainerFile[] },
): Promise<string> {
  let create = body;
  if (options.keepAnonymousVolumes) {
    const before = await engine.inspectContainer(old.id);
    if (before) create = withCarriedVolumes(body, before.mounts);
  }
  const temp = `${old.id.slice(0, 12)}_${old.name}`;
  const id = await createContainer(engine, temp, create, extra, options.files);
  await engine.stopContainer(old.id, options.timeout);
  await engine.removeContainer(old.id, { force: true });
  await engine.renameContainer(id, old.name);
  return id;
}

/** Adds the old container's anonymous volumes at targets the new body does not mount otherwise. */
export function withCarriedVolumes(
  body: ContainerCreateBody,
  mounts: readonly { readonly type: string; readonly name?: string; readonly destination: string }[],
): ContainerCreateBody {
  const host = (body.HostConfig ?? {}) as { Mounts?: { Target: string }[]; Binds?: string[] };
  const taken = new Set<string>([
    ...(host.Mounts ?? []).map((m) => m.Target),
    ...(host.Binds ?? []).map((b) => b.split(':')[1] ?? ''),
  ]);
  const carried = mounts.filter((m) => m.type === 'volume' && m.name && /^[0-9a-f]{64}$/.test(m.name) && !taken.has(m.destination));
  if (!carried.length) return body;
  const volumes = { ...(body.Volumes ?? {}) };
  for (const m of carried) delete volumes[m.destination];
  return {
    ...body,
    Volumes: Object.keys(volumes).length ? volumes : undefined,
    HostConfig: {
      ...host,
      Mounts: [...(host.Mounts ?? []), ...carried.map((m) => ({ Type: 'volume', Source: m.name, Target: m.destination }))],
    },
  };
}
