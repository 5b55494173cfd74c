// Container operations of a plan, one small function each.
import type { Readable } from 'node:stream';
import type { ContainerCreateBody, EndpointConfig, Engine } from '../engine/types.js';
import type { CarriedVolume, ContainerFile } from '../plan/types.js';

type ExtraNetworks = readonly { readonly network: string; readonly endpoint: EndpointConfig }[];

export async function createContainer(engine: Engine, name: string, body: ContainerCreateBody, extra: ExtraNetworks, files: readonly ContainerFile[] = []): Promise<string> {
  const id = await engine.createContainer(name, body);
  try {
    // API 1.41 takes one network at create; the others are connected before the first start.
    for (const n of extra) await engine.connectNetwork(n.network, id, n.endpoint);
    if (files.length) await engine.putArchive(id, '/', await tarOf(files));
  } catch (err) {
    // Half-wired (a network or its secrets missing) but labelled up to date: a later `up` would
    // start it as it is. Leave nothing rather than that.
    await engine.removeContainer(id, { force: true }).catch(() => undefined);
    throw err;
  }
  return id;
}

/** A tar stream of the files, paths relative to / (the engine creates missing parent directories). */
export async function tarOf(files: readonly ContainerFile[]): Promise<Readable> {
  // Loaded here: only containers with secrets or configs need it (~5 ms of CommonJS otherwise).
  const { default: tar } = await import('tar-stream');
  const pack = tar.pack();
  for (const f of files) {
    pack.entry({ name: f.path.replace(/^\/+/, ''), mode: f.mode, uid: f.uid, gid: f.gid, mtime: new Date(0) }, f.content);
  }
  pack.finalize();
  return pack as unknown as Readable;
}

/**
 * Replaces a container the way docker compose does: create the new one under a temporary
 * name, stop and remove the old one, then give the new one its name. The anonymous volumes
 * the plan carries over are mounted into the new one so their data survives.
 */
export async function recreateContainer(
  engine: Engine,
  old: { readonly id: string; readonly name: string },
  body: ContainerCreateBody,
  extra: ExtraNetworks,
  options: { readonly timeout?: number; readonly carry: readonly CarriedVolume[]; readonly files?: readonly ContainerFile[]; readonly beforeStop?: () => Promise<void> },
): Promise<string> {
  const temp = `${old.id.slice(0, 12)}_${old.name}`;
  const id = await createContainer(engine, temp, withCarriedVolumes(body, options.carry), extra, options.files);
  try {
    await options.beforeStop?.(); // the old container's pre_stop hooks
  } catch (err) {
    // The old one keeps running as it was; the new one must not linger under its temporary name.
    await engine.removeContainer(id, { force: true }).catch(() => undefined);
    throw err;
  }
  await engine.stopContainer(old.id, options.timeout);
  await engine.removeContainer(old.id, { force: true });
  await engine.renameContainer(id, old.name);
  return id;
}

/** The body with the carried volumes mounted (and no longer declared as fresh anonymous ones). */
export function withCarriedVolumes(body: ContainerCreateBody, carry: readonly CarriedVolume[]): ContainerCreateBody {
  if (!carry.length) return body;
  const host = (body.HostConfig ?? {}) as { Mounts?: unknown[] };
  const volumes = { ...(body.Volumes ?? {}) };
  for (const v of carry) delete volumes[v.target];
  return {
    ...body,
    Volumes: Object.keys(volumes).length ? volumes : undefined,
    HostConfig: {
      ...host,
      Mounts: [...(host.Mounts ?? []), ...carry.map((v) => ({ Type: 'volume', Source: v.name, Target: v.target }))],
    },
  };
}
