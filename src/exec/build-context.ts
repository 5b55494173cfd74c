// A build context as the engine wants it: a tar stream, produced on the fly while the engine
// reads it (never held whole in memory). `.dockerignore` is honoured with docker's own matching
// rules (@balena/dockerignore implements them); the Dockerfile and .dockerignore are always sent,
// as the docker CLI does. A Dockerfile from outside the context, or an inline one, is added
// under a generated name.
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import dockerignore from '@balena/dockerignore';
import tar from 'tar-stream';

// A CommonJS module typed with an ES default export: at run time the default import is the factory.
const ignore = dockerignore as unknown as typeof dockerignore.default;

export interface ContextSource {
  /** Absolute path of the context directory. */
  readonly dir: string;
  /** Absolute path of the Dockerfile (inside or outside the context); default <dir>/Dockerfile. */
  readonly dockerfile?: string;
  /** Dockerfile content given inline (dockerfile_inline); wins over `dockerfile`. */
  readonly dockerfileInline?: string;
}

export interface BuildContext {
  readonly stream: Readable;
  /** Where the Dockerfile is inside the tar (the engine's `dockerfile` parameter). */
  readonly dockerfile: string;
}

/** Reads .dockerignore the way docker does: one pattern a line, `#` comments, blanks ignored. */
export async function readIgnorePatterns(dir: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(dir, '.dockerignore'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Context-relative paths (posix) of every file that would be sent, in tar order. For tests and --dry-run. */
export async function contextFiles(source: ContextSource): Promise<string[]> {
  const files: string[] = [];
  const plan = await planContext(source);
  await walk(source.dir, '', plan.keep, plan.descendExcluded, (rel) => {
    files.push(rel);
    return Promise.resolve();
  });
  for (const extra of plan.extras) if (!files.includes(extra.name)) files.push(extra.name);
  return files;
}

interface ContextPlan {
  readonly keep: (rel: string) => boolean;
  /** An excluded directory may still hold re-included (`!`) files: walk into it. */
  readonly descendExcluded: boolean;
  readonly dockerfile: string;
  readonly extras: readonly { readonly name: string; readonly content: () => Promise<Buffer> }[];
}

async function planContext(source: ContextSource): Promise<ContextPlan> {
  const patterns = await readIgnorePatterns(source.dir);
  const ig = ignore().add(patterns);
  const always = new Set(['.dockerignore']);
  const extras: { name: string; content: () => Promise<Buffer> }[] = [];
  let dockerfile: string;
  if (source.dockerfileInline !== undefined) {
    dockerfile = '.tcompose.inline.Dockerfile';
    const text = source.dockerfileInline;
    extras.push({ name: dockerfile, content: async () => Buffer.from(text) });
  } else {
    const abs = source.dockerfile ?? join(source.dir, 'Dockerfile');
    const rel = relative(source.dir, abs);
    if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)) {
      dockerfile = rel.split(sep).join('/');
      always.add(dockerfile);
      extras.push({ name: dockerfile, content: () => readFile(abs) }); // sent even when ignored
    } else {
      // Outside the context: the engine only sees the tar, so the file goes in under a name of its own.
      dockerfile = `.tcompose.${posix.basename(abs.split(sep).join('/'))}.Dockerfile`;
      extras.push({ name: dockerfile, content: () => readFile(abs) });
    }
  }
  return {
    keep: (rel) => always.has(rel) || !ig.ignores(rel),
    descendExcluded: patterns.some((p) => p.startsWith('!')),
    dockerfile,
    extras,
  };
}

type Visit = (rel: string, abs: string) => Promise<void>;

async function walk(root: string, rel: string, keep: (rel: string) => boolean, descendExcluded: boolean, visit: Visit): Promise<void> {
  const abs = rel ? join(root, rel) : root;
  const entries = (await readdir(abs, { withFileTypes: true })).map((e) => e.name).sort();
  for (const name of entries) {
    const childRel = rel ? `${rel}/${name}` : name;
    const childAbs = join(abs, name);
    const st = await lstat(childAbs);
    const kept = keep(childRel);
    if (st.isDirectory()) {
      if (!kept && !descendExcluded) continue;
      if (kept) await visit(childRel, childAbs);
      await walk(root, childRel, keep, descendExcluded, visit);
    } else if (kept) {
      await visit(childRel, childAbs);
    }
  }
}

/** Starts streaming the context; errors (unreadable files …) end the stream with that error. */
export async function createBuildContext(source: ContextSource): Promise<BuildContext> {
  const plan = await planContext(source);
  const pack = tar.pack();
  const sent = new Set<string>();
  // Ownership is reset to root as the docker CLI does, so builds do not depend on who runs them.
  const owner = { uid: 0, gid: 0, uname: '', gname: '' };
  const addFile = async (rel: string, abs: string): Promise<void> => {
    const st = await lstat(abs);
    const header = { name: rel, mode: st.mode & 0o7777, mtime: st.mtime, ...owner };
    if (st.isDirectory()) {
      await entry(pack, { ...header, type: 'directory' });
    } else if (st.isSymbolicLink()) {
      await entry(pack, { ...header, type: 'symlink', linkname: await readlink(abs) });
    } else if (st.isFile()) {
      const body = pack.entry({ ...header, type: 'file', size: st.size });
      await pipeline(createReadStream(abs), body);
    } // sockets, fifos and devices are not sent, as with docker
    sent.add(rel);
  };
  const produce = async (): Promise<void> => {
    await walk(source.dir, '', plan.keep, plan.descendExcluded, addFile);
    for (const extra of plan.extras) {
      if (sent.has(extra.name)) continue;
      const content = await extra.content();
      await entry(pack, { name: extra.name, mode: 0o644, mtime: new Date(0), ...owner, type: 'file', size: content.length }, content);
    }
    pack.finalize();
  };
  produce().catch((err: Error) => pack.destroy(err));
  return { stream: pack, dockerfile: plan.dockerfile };
}

function entry(pack: tar.Pack, header: tar.Headers, content?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry(header, content ?? '', (err) => (err ? reject(err) : resolve()));
  });
}
