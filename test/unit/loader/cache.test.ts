// The load cache answers only when loading again would give the same Project.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadThroughCache, type LoadCache } from '../../../src/loader/cache.js';
import { loadProject, type ProjectOptions } from '../../../src/loader/index.js';
import { ConfigError } from '../../../src/errors.js';
import { writeProject } from './helpers.js';

const fixtures = join(import.meta.dirname, '../../fixtures/compose');

function setup(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = writeProject(files);
  const cache: LoadCache = { dir: mkdtempSync(join(tmpdir(), 'tc-cache-')), build: 'test-build' };
  const warnings: string[] = [];
  const options = (more: Partial<ProjectOptions> = {}): ProjectOptions => ({ cwd: dir, environment: env, onWarning: (w) => warnings.push(w), ...more });
  const load = (more: Partial<ProjectOptions> = {}, c: LoadCache = cache) => loadThroughCache(options(more), c);
  return { dir, cache, warnings, options, load };
}

const app = 'services:\n  app:\n    image: busybox\n    environment:\n      A: ${A:-none}\n';

describe('load cache', () => {
  it('answers the second load with the same Project and replays its warnings', async () => {
    const t = setup({ 'compose.yaml': 'version: "3"\n' + app });
    const first = await t.load();
    const second = await t.load();
    expect([first.hit, second.hit]).toEqual([false, true]);
    expect(second.project).toStrictEqual(await loadProject(t.options()));
    expect(t.warnings.filter((w) => w.includes('version'))).toHaveLength(3);
  });

  it('is missed when a file read changes, an override or .env appears, or a variable changes', async () => {
    const t = setup({ 'compose.yaml': app });
    await t.load();
    writeFileSync(join(t.dir, 'compose.yaml'), app.replace('busybox', 'alpine'));
    expect(await t.load()).toMatchObject({ hit: false, project: { services: { app: { image: 'alpine' } } } });
    writeFileSync(join(t.dir, 'compose.override.yaml'), 'services:\n  app:\n    image: debian\n');
    expect(await t.load()).toMatchObject({ hit: false, project: { services: { app: { image: 'debian' } } } });
    writeFileSync(join(t.dir, '.env'), 'A=from-dotenv\n');
    expect(await t.load()).toMatchObject({ hit: false, project: { services: { app: { environment: { A: 'from-dotenv' } } } } });
    expect((await t.load()).hit).toBe(true);
    expect(await t.load({ environment: { A: 'shell' } })).toMatchObject({ hit: false, project: { services: { app: { environment: { A: 'shell' } } } } });
  });

  it('notices env_file and label_file contents, options and another build', async () => {
    const t = setup({ 'compose.yaml': 'services:\n  app:\n    image: busybox\n    env_file: app.env\n    label_file: app.labels\n', 'app.env': 'X=1\n', 'app.labels': 'l=1\n' });
    await t.load();
    writeFileSync(join(t.dir, 'app.env'), 'X=2\n');
    expect(await t.load()).toMatchObject({ hit: false, project: { services: { app: { environment: { X: '2' } } } } });
    writeFileSync(join(t.dir, 'app.labels'), 'l=2\n');
    expect(await t.load()).toMatchObject({ hit: false, project: { services: { app: { labels: { l: '2' } } } } });
    expect((await t.load({ projectName: 'other' })).hit).toBe(false);
    expect((await t.load({}, { ...t.cache, build: 'another-build' })).hit).toBe(false);
    expect((await t.load()).hit).toBe(true);
  });

  it('never caches a failed load, nor stdin', async () => {
    const t = setup({ 'compose.yaml': 'services:\n  app:\n    image: [\n' });
    await expect(t.load()).rejects.toBeInstanceOf(ConfigError);
    await expect(t.load()).rejects.toBeInstanceOf(ConfigError);
    expect(readdirSync(t.cache.dir)).toEqual([]);
    const stdin = async () => app;
    expect((await t.load({ files: ['-'], stdin })).hit).toBe(false);
    expect((await t.load({ files: ['-'], stdin })).hit).toBe(false);
  });

  it('never caches a load that read a pipe, and never reads a recorded path that became one', async () => {
    const t = setup({});
    const fifo = join(t.dir, 'compose.yaml');
    mkdirSync(t.dir, { recursive: true });
    execFileSync('mkfifo', [fifo]);
    const feed = (text: string) => {
      const writer = spawn('sh', ['-c', `printf '%s' "$1" > "$2"`, 'sh', text, fifo], { stdio: 'ignore' });
      return new Promise<void>((resolve) => writer.on('exit', () => resolve()));
    };
    for (const image of ['alpine', 'busybox']) {
      const fed = feed(app.replace('busybox', image));
      const r = await t.load({ files: ['compose.yaml'] }); // -f <(…) is a pipe too
      await fed;
      expect(r).toMatchObject({ hit: false, project: { services: { app: { image } } } });
    }
    expect(readdirSync(t.cache.dir)).toEqual([]);
  });

  it('keeps the environment out of the key it stores, and shrugs off a damaged entry', async () => {
    const t = setup({ 'compose.yaml': app }, { SECRET_TOKEN: 'hunter2' });
    await t.load();
    const [name] = readdirSync(t.cache.dir);
    const path = join(t.cache.dir, name!);
    const entry = JSON.parse(readFileSync(path, 'utf8')) as { key: string };
    expect(entry.key).toMatch(/^[0-9a-f]{16}$/);
    writeFileSync(path, 'null');
    expect((await t.load()).hit).toBe(false);
  });

  it('still loads when the cache cannot be written, and keeps at most maxEntries', async () => {
    const t = setup({ 'compose.yaml': app });
    const blocker = join(t.cache.dir, 'a-file');
    writeFileSync(blocker, '');
    const readOnly = { ...t.cache, dir: join(blocker, 'load') }; // ENOTDIR
    expect((await t.load({}, readOnly)).project.services.app).toBeDefined();
    expect((await t.load({}, readOnly)).hit).toBe(false);
    const small = { ...t.cache, maxEntries: 2 };
    for (const name of ['a', 'b', 'c', 'd']) await t.load({ projectName: name }, small);
    expect(readdirSync(t.cache.dir).filter((n) => n.endsWith('.json'))).toHaveLength(2);
    expect((await t.load({ projectName: 'd' }, small)).hit).toBe(true);
  });

  it('keeps entries private to the user', async () => {
    const t = setup({ 'compose.yaml': app });
    rmSync(t.cache.dir, { recursive: true });
    await t.load();
    const { statSync } = await import('node:fs');
    expect(statSync(t.cache.dir).mode & 0o777).toBe(0o700);
    const [entry] = readdirSync(t.cache.dir);
    expect(statSync(join(t.cache.dir, entry!)).mode & 0o777).toBe(0o600);
    chmodSync(t.cache.dir, 0o700);
  });

  // A cached Project is a JSON copy: every fixture must survive the trip unchanged.
  it.each(readdirSync(fixtures).filter((d) => !d.includes('.')))('fixture %s comes back from the cache unchanged', async (name) => {
    const cache: LoadCache = { dir: mkdtempSync(join(tmpdir(), 'tc-cache-')), build: 'b' };
    const options: ProjectOptions = { cwd: join(fixtures, name), environment: {}, onWarning: () => {} };
    const argsOptions = await import('node:fs').then((fs) => {
      const args = join(fixtures, name, 'ARGS');
      return fs.existsSync(args) ? { files: fs.readFileSync(args, 'utf8').trim().split(/\s+/).filter((a) => a !== '-f') } : {};
    });
    const fresh = await loadThroughCache({ ...options, ...argsOptions }, cache);
    const cached = await loadThroughCache({ ...options, ...argsOptions }, cache);
    expect(cached.hit).toBe(true);
    expect(cached.project).toStrictEqual(fresh.project);
  });
});
