// Issue 8's end-to-end run of the users' own WordPress + MySQL file: up, install over HTTP,
// down (keeping db_data), up again → still installed; down -v removes the volume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpGet } from '../helpers/http.js';
import { REPO, cleanupProject, dockerLines, projectResources, tcompose, uniqueProject } from '../helpers/engine.js';

const file = join(REPO, 'examples/wordpress/docker-compose.yml');
const project = uniqueProject('wp');
const base = 'http://127.0.0.1:8020';
const args = (...rest: string[]): string[] => ['-f', file, '-p', project, '--progress', 'plain', ...rest];

/** GET without following redirects, retried while WordPress or its database warm up. */
const get = (path: string, until: (status: number) => boolean, timeoutMs = 120_000): Promise<Response> => httpGet(base + path, until, timeoutMs);

describe('WordPress + MySQL example end to end', () => {
  beforeAll(() => {
    execFileSync('bash', [join(REPO, 'scripts/standin-images.sh')], { env: { ...process.env, ONLY: 'mysql wordpress' }, stdio: 'inherit' });
  }, 600_000);
  afterAll(() => cleanupProject(project));

  it('is the users\' file, byte for byte', () => {
    const shared = join(REPO, '../shared/examples/wordpress/docker-compose.yml');
    let theirs: Buffer | undefined;
    try {
      theirs = readFileSync(shared);
    } catch {
      return; // a clone outside the workspace has no shared/ beside it
    }
    expect(readFileSync(file).equals(theirs)).toBe(true);
  });

  it('comes up, installs, survives down/up with its data, and down -v removes the volume', async () => {
    const up = await tcompose(args('up', '-d', '--wait'), { timeoutMs: 300_000 });
    expect(up.stderr).toContain('the attribute `version` is obsolete');
    expect(up.code, up.stderr).toBe(0);

    const first = await get('/', (s) => s === 302);
    expect(first.headers.get('location')).toMatch(/\/wp-admin\/install\.php$/);

    const form = new URLSearchParams({
      weblog_title: 'tcompose e2e',
      user_name: 'admin',
      admin_password: 'correct-horse-battery',
      admin_password2: 'correct-horse-battery',
      pw_weak: 'on',
      admin_email: 'admin@example.invalid',
      blog_public: '0',
      language: '',
    });
    const install = await fetch(`${base}/wp-admin/install.php?step=2`, { method: 'POST', body: form, redirect: 'manual', signal: AbortSignal.timeout(120_000) });
    expect(install.status).toBe(200);
    expect(await install.text()).toMatch(/Success!/);
    const home = await get('/', (s) => s === 200);
    expect(await home.text()).toContain('tcompose e2e');

    const down = await tcompose(args('down'), { timeoutMs: 120_000 });
    expect(down.code, down.stderr).toBe(0);
    expect(projectResources(project).containers).toEqual([]);
    expect(dockerLines('volume', 'ls', '-q', '--filter', `name=${project}_db_data`)).toEqual([`${project}_db_data`]);

    const again = await tcompose(args('up', '-d', '--wait'), { timeoutMs: 300_000 });
    expect(again.code, again.stderr).toBe(0);
    const after = await get('/', (s) => s === 200);
    expect(await after.text()).toContain('tcompose e2e');

    const gone = await tcompose(args('down', '-v'), { timeoutMs: 120_000 });
    expect(gone.code, gone.stderr).toBe(0);
    expect(projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 600_000);
});
