// cp: copy files and folders between a service container and the local filesystem, as
// streamed tar archives, with docker cp's rules for where things land.
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, posix, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarFs from 'tar-fs';
import type { Headers } from 'tar-stream';
import type { ContainerSummary, Engine } from '../engine/types.js';
import { TcomposeError, UsageError } from '../errors.js';
import type { AppContext } from './context.js';
import { projectContainers } from '../state/containers.js';
import { serviceContainer, checkService } from './service-containers.js';

export type CopyEnd = { readonly service: string; readonly path: string } | { readonly local: string };

export interface CpRequest {
  readonly source: CopyEnd;
  readonly destination: CopyEnd;
  /** Container number; copying to a service without it copies to every container. */
  readonly index?: number;
  /** -a: keep uid/gid (to a container) / ownership (to the host). */
  readonly archive?: boolean;
  /** -L: follow a symbolic link given as the source. */
  readonly followLink?: boolean;
  /** Where `-` reads or writes a tar stream. */
  readonly stdin?: Readable;
  readonly stdout?: Writable;
}

/** "web:/etc/hosts" → a container end; anything else (a path, "-") is local. */
export function parseCopyEnd(arg: string): CopyEnd {
  const i = arg.indexOf(':');
  if (i > 0 && !arg.slice(0, i).includes('/') && !arg.startsWith('.')) return { service: arg.slice(0, i), path: arg.slice(i + 1) };
  return { local: arg };
}

/** Renames the archive's top entry (`from`) to `to`; `to` = '' drops it, keeping what is inside. */
function renameTop(from: string, to: string): (h: Headers) => Headers {
  return (h) => {
    const name = h.name.replace(/\/$/, '');
    if (name === from) h.name = to || '.';
    else if (name.startsWith(from + '/')) h.name = (to ? to + '/' : '') + name.slice(from.length + 1);
    return h;
  };
}

const contentsOnly = (p: string): boolean => p.endsWith('/.') || p === '.';
const absoluteIn = (p: string): string => (p.startsWith('/') ? p : '/' + p);

export async function cp(ctx: AppContext, req: CpRequest): Promise<void> {
  const engine = await ctx.engine();
  const { source: src, destination: dst } = req;
  if ('service' in src && 'service' in dst) throw new UsageError('copying between containers is not supported: copy to the host first');
  if ('local' in src && 'local' in dst) throw new UsageError('one of source and destination must be SERVICE:PATH');
  if ('service' in src) {
    const c = await serviceContainer(engine, ctx.project, src.service, req.index, false);
    await fromContainer(engine, c, src.path, (dst as { local: string }).local, req);
  } else {
    const to = dst as { service: string; path: string };
    checkService(ctx.project, to.service);
    const targets = req.index !== undefined ? [await serviceContainer(engine, ctx.project, to.service, req.index, false)] : await projectContainers(engine, ctx.project.name, { services: [to.service] });
    if (!targets.length) throw new TcomposeError(`service "${to.service}" has no container`);
    for (const c of targets) await toContainer(engine, c, src.local, to.path, req);
  }
}

async function fromContainer(engine: Engine, c: ContainerSummary, path: string, local: string, req: CpRequest): Promise<void> {
  const inside = absoluteIn(path);
  let info = await engine.statPath(c.id, inside);
  if (!info) throw new TcomposeError(`could not find the file ${inside} in container ${c.name}`);
  let archivePath = inside;
  if (req.followLink && info.linkTarget) {
    archivePath = info.linkTarget;
    info = (await engine.statPath(c.id, archivePath)) ?? info;
  }
  const top = basename(archivePath === '/' ? '/' : archivePath.replace(/\/\.?$/, '')) || '/';
  const tar = await engine.getArchive(c.id, archivePath);
  if (local === '-') {
    await pipeline(tar, req.stdout ?? process.stdout, { end: false });
    return;
  }
  const target = resolve(local);
  const existing = await stat(target).catch(() => undefined);
  const extract = (dir: string, map: (h: Headers) => Headers): Writable => tarFs.extract(dir, { map, chown: Boolean(req.archive) } as tarFs.ExtractOptions);
  if (existing?.isDirectory()) {
    // Into the folder: under its own name, or only what is inside for "SRC/.".
    await pipeline(tar, extract(target, contentsOnly(path) && info.isDir ? renameTop(top, '') : (h) => h));
  } else if (existing && info.isDir) {
    throw new TcomposeError(`cannot copy a directory to a file: ${local}`);
  } else {
    if (!existing && !info.isDir && /\/$/.test(local)) throw new TcomposeError(`destination directory ${local} does not exist`);
    const parent = dirname(target);
    if (!(await stat(parent).catch(() => undefined))?.isDirectory()) throw new TcomposeError(`destination directory ${parent} does not exist`);
    await pipeline(tar, extract(parent, renameTop(top, basename(target))));
  }
}

async function toContainer(engine: Engine, c: ContainerSummary, local: string, path: string, req: CpRequest): Promise<void> {
  const inside = absoluteIn(path);
  const copyUIDGID = Boolean(req.archive);
  if (local === '-') {
    const info = await engine.statPath(c.id, inside);
    if (!info?.isDir) throw new TcomposeError(`destination ${inside} in container ${c.name} must be a directory`);
    await engine.putArchive(c.id, inside, req.stdin ?? process.stdin, { copyUIDGID });
    return;
  }
  let source = resolve(local);
  const linkInfo = await lstat(source).catch(() => undefined);
  if (!linkInfo) throw new TcomposeError(`could not find ${local}`);
  const name = basename(source);
  if (req.followLink && linkInfo.isSymbolicLink()) source = await realpath(source);
  const info = await stat(source).catch(() => linkInfo);
  const dest = await engine.statPath(c.id, inside);
  let putAt: string;
  let top: string; // the archive's top entry name inside putAt ('' = contents of the source)
  if (dest?.isDir) {
    putAt = inside;
    top = contentsOnly(local) && info.isDirectory() ? '' : name;
  } else if (dest && info.isDirectory()) {
    throw new TcomposeError(`cannot copy a directory to a file: ${c.name}:${inside}`);
  } else {
    if (!dest && !info.isDirectory() && inside.endsWith('/')) throw new TcomposeError(`destination directory ${inside} does not exist in container ${c.name}`);
    putAt = posix.dirname(inside.replace(/\/$/, '')) || '/';
    top = posix.basename(inside.replace(/\/$/, ''));
  }
  const base = basename(source);
  const pack = tarFs.pack(dirname(source), { entries: [base], map: renameTop(base, top), dereference: false } as tarFs.PackOptions);
  await engine.putArchive(c.id, putAt, pack, { copyUIDGID });
}

