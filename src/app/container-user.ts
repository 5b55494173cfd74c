// Who owns the files `watch` syncs into a container. docker compose unpacks them with `tar` run
// as the container's user: a non-root user owns what it unpacks; root keeps the owner the file
// has on the host. We put one archive through the engine instead (no `tar` needed in the
// image), so the owner goes into the archive's headers, resolved here from the container's
// user and its own /etc/passwd and /etc/group.
import tar from 'tar-stream';
import type { Engine } from '../engine/types.js';

export interface Owner {
  readonly uid: number;
  readonly gid: number;
}

/**
 * undefined: root, or a user the container's files do not know — files keep their host owner.
 * Throws when the engine cannot be asked (the caller may ask again later).
 */
export async function syncOwner(engine: Engine, containerId: string): Promise<Owner | undefined> {
  const user = (await engine.inspectContainer(containerId))?.config.user ?? '';
  const [name = '', group] = user.split(':');
  if (name === '' || name === 'root' || name === '0') return undefined;
  const passwd = parseDatabase(await readFile(engine, containerId, '/etc/passwd'));
  const entry = /^\d+$/.test(name) ? passwd.find((e) => e[2] === name) : passwd.find((e) => e[0] === name);
  const uid = /^\d+$/.test(name) ? Number(name) : entry ? Number(entry[2]) : undefined;
  if (uid === undefined || Number.isNaN(uid)) return undefined;
  let gid = entry ? Number(entry[3]) : 0;
  if (group !== undefined && group !== '') {
    if (/^\d+$/.test(group)) gid = Number(group);
    else {
      const g = parseDatabase(await readFile(engine, containerId, '/etc/group')).find((e) => e[0] === group);
      if (!g) return undefined;
      gid = Number(g[2]);
    }
  }
  return Number.isNaN(gid) ? undefined : { uid, gid };
}

/** `name:x:id:…` lines, split on ':'. */
function parseDatabase(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(':'));
}

/** A small file of the container's, '' when it has none; throws when the engine fails otherwise. */
async function readFile(engine: Engine, containerId: string, path: string): Promise<string> {
  if (!(await engine.statPath(containerId, path))) return '';
  const archive = await engine.getArchive(containerId, path);
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const chunks: Buffer[] = [];
    extract.on('entry', (_header, stream, next) => {
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', next);
    });
    extract.on('finish', () => resolve(Buffer.concat(chunks).toString('utf8')));
    extract.on('error', reject);
    archive.on('error', reject);
    archive.pipe(extract);
  });
}
