// commit, export and volumes against the real engine, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, cleanupProject, docker, inspect, projectDir, run, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('commit');
const repo = `tc-commit/${project}`;
const dir = projectDir({
  'compose.yaml': `services:
  web:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
    volumes: [data:/data]
  other:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
volumes:
  data: {}
  unused: {}
`,
});
const tc = (...args: string[]) => tcompose(['-p', project, ...args], { cwd: dir });

beforeAll(async () => {
  const r = await tc('up', '-d');
  expect(r.code, r.stderr).toBe(0);
  docker('exec', `${project}-web-1`, 'sh', '-c', 'echo committed > /made-here.txt');
}, 90_000);

afterAll(() => {
  cleanupProject(project);
  for (const tag of ['v1', 'latest']) {
    try {
      docker('rmi', '-f', `${repo}:${tag}`);
    } catch {
      /* not made */
    }
  }
});

describe('tcompose commit', () => {
  it('makes an image with the tag, the changed file, author, message and changes', async () => {
    const r = await tc('commit', '-a', 'Ann <ann@example.com>', '-m', 'snapshot', '-c', 'ENV FROM_COMMIT=yes', '-c', 'LABEL made.by=tcompose', 'web', `${repo}:v1`);
    expect(r.code, r.stderr).toBe(0);
    const image = inspect(`${repo}:v1`);
    expect(r.stdout.trim()).toBe(image.Id);
    expect(image.Author).toBe('Ann <ann@example.com>');
    expect(image.Comment).toBe('snapshot');
    expect(image.Config.Env).toContain('FROM_COMMIT=yes');
    expect(image.Config.Labels['made.by']).toBe('tcompose');
    expect(docker('run', '--rm', `${repo}:v1`, 'cat', '/made-here.txt')).toBe('committed');
  });

  it('tags latest when no tag is given; refuses an unknown service', async () => {
    const r = await tc('commit', '--no-pause', 'web', repo);
    expect(r.code, r.stderr).toBe(0);
    expect(inspect(`${repo}:latest`).Id).toBe(r.stdout.trim());
    const bad = await tc('commit', 'nosuch', `${repo}:x`);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no such service: nosuch/);
  });
});

describe('tcompose export', () => {
  it('streams the filesystem as tar to stdout', async () => {
    // Through a shell pipe: the test reads only the listing, not megabytes of tar.
    const r = await run('sh', ['-c', `node "$CLI" -p ${project} export web | tar -t`], { cwd: dir, env: { CLI } });
    expect(r.code, r.stderr).toBe(0);
    const entries = r.stdout.split('\n');
    expect(entries).toContain('made-here.txt');
    expect(entries).toContain('bin/busybox');
  });

  it('writes the tar to a file with -o', async () => {
    const r = await tc('export', '-o', 'web.tar', 'web');
    expect(r.code, r.stderr).toBe(0);
    const out = join(dir, 'web.tar');
    expect(existsSync(out)).toBe(true);
    const list = await run('tar', ['-xOf', out, 'made-here.txt']);
    expect(list.stdout.trim()).toBe('committed');
    expect(readFileSync(out).length).toBeGreaterThan(100_000);
  });
});

describe('tcompose volumes', () => {
  it("lists the project's volumes; with a service, the ones it mounts", async () => {
    const all = await tc('volumes');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.split('\n')[0]).toMatch(/^DRIVER\s+VOLUME NAME$/);
    expect(all.stdout).toMatch(new RegExp(`^local\\s+${project}_data$`, 'm'));
    const q = await tc('volumes', '-q', 'web');
    expect(q.stdout.trim().split('\n')).toEqual([`${project}_data`]);
    const none = await tc('volumes', '-q', 'other');
    expect(none.stdout.trim()).toBe('');
    const json = await tc('volumes', '--format', 'json');
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { Name: string; Driver: string });
    expect(rows.map((x) => x.Name)).toContain(`${project}_data`);
    expect(rows.every((x) => x.Driver === 'local')).toBe(true);
  });
});
