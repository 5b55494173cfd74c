// The build context tar: .dockerignore as docker reads it, the Dockerfile always sent, outside
// and inline Dockerfiles under a generated name, produced as a stream.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { contextFiles, createBuildContext, type ContextSource } from '../../../src/exec/build-context.js';

function dir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tc-ctx-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/** Reads the whole tar the way the engine would: name → content (directories as "<dir>"). */
async function untar(source: ContextSource): Promise<{ dockerfile: string; entries: Map<string, string> }> {
  const ctx = await createBuildContext(source);
  const entries = new Map<string, string>();
  const extract = tar.extract();
  await new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const body = header.type === 'directory' ? '<dir>' : header.type === 'symlink' ? `-> ${header.linkname}` : Buffer.concat(chunks).toString();
        entries.set(header.name.replace(/\/$/, ''), body);
        expect(header.uid).toBe(0);
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    ctx.stream.on('error', reject);
    ctx.stream.pipe(extract);
  });
  return { dockerfile: ctx.dockerfile, entries };
}

describe('build context', () => {
  it('honours .dockerignore with docker semantics (globs, **, exceptions, root-anchored)', async () => {
    const root = dir({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '# comment\n\nsecret.txt\n**/*.log\nbuild\n!build/keep.txt\n/node_modules\n',
      'secret.txt': 's',
      'sub/secret.txt': 'not at the root: kept',
      'a.log': 'x',
      'sub/deep/b.log': 'x',
      'build/out.bin': 'x',
      'build/keep.txt': 'k',
      'node_modules/m/index.js': 'x',
      'src/main.c': 'int main;',
    });
    const files = await contextFiles({ dir: root });
    expect(files.sort()).toEqual(['.dockerignore', 'Dockerfile', 'build/keep.txt', 'src', 'src/main.c', 'sub', 'sub/deep', 'sub/secret.txt'].sort());
    const { dockerfile, entries } = await untar({ dir: root });
    expect(dockerfile).toBe('Dockerfile');
    expect(entries.get('src/main.c')).toBe('int main;');
    expect(entries.get('build/keep.txt')).toBe('k');
    expect(entries.has('secret.txt')).toBe(false);
    expect(entries.has('node_modules')).toBe(false);
  });

  it('always sends the Dockerfile and .dockerignore, even when they are ignored', async () => {
    const root = dir({ 'docker/app.Dockerfile': 'FROM scratch\n', '.dockerignore': '.dockerignore\ndocker\n*\n', 'x.txt': 'x' });
    const { dockerfile, entries } = await untar({ dir: root, dockerfile: join(root, 'docker/app.Dockerfile') });
    expect(dockerfile).toBe('docker/app.Dockerfile');
    expect([...entries.keys()].sort()).toEqual(['.dockerignore', 'docker/app.Dockerfile']);
    expect(entries.get('docker/app.Dockerfile')).toBe('FROM scratch\n');
  });

  it('adds a Dockerfile from outside the context, and an inline one, under generated names', async () => {
    const root = dir({ 'a.txt': 'a' });
    const outside = dir({ 'Dockerfile.prod': 'FROM scratch\nCOPY a.txt /\n' });
    const out = await untar({ dir: root, dockerfile: join(outside, 'Dockerfile.prod') });
    expect(out.dockerfile).toBe('.tcompose.Dockerfile.prod.Dockerfile');
    expect(out.entries.get(out.dockerfile)).toBe('FROM scratch\nCOPY a.txt /\n');
    expect(out.entries.get('a.txt')).toBe('a');
    const inline = await untar({ dir: root, dockerfileInline: 'FROM scratch\n' });
    expect(inline.entries.get(inline.dockerfile)).toBe('FROM scratch\n');
  });

  it('keeps symlinks as links and streams large files without holding them', async () => {
    const root = dir({ Dockerfile: 'FROM scratch\n', 'target.txt': 't' });
    symlinkSync('target.txt', join(root, 'link'));
    writeFileSync(join(root, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
    const { entries } = await untar({ dir: root });
    expect(entries.get('link')).toBe('-> target.txt');
    expect(entries.get('big.bin')!.length).toBe(8 * 1024 * 1024);
  });

  it('ends the stream with an error when the context cannot be read', async () => {
    const ctx = await createBuildContext({ dir: '/nonexistent-tcompose-context' });
    await expect(new Promise((resolve, reject) => ctx.stream.on('error', reject).on('end', resolve).resume())).rejects.toThrow(/ENOENT/);
  });
});
