// Failures name the resource and the operation; after fixing the cause, a second up converges.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, inspect, projectDir, projectResources, tcompose, uniqueProject } from '../helpers/engine.js';

const projects: string[] = [];
const extra: string[] = [];
afterAll(() => {
  projects.forEach(cleanupProject);
  for (const c of extra) {
    try {
      docker('rm', '-f', c);
    } catch {
      // already gone
    }
  }
});
const fresh = (topic: string): string => {
  const p = uniqueProject(topic);
  projects.push(p);
  return p;
};

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const svc = (name: string, more = ''): string => `  ${name}:\n    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n${more}`;

describe('errors', () => {
  it('external network missing: one clear line, nothing created; converges once it exists', async () => {
    const project = fresh('extnet');
    const net = `${project}-corp`;
    const dir = projectDir({ 'compose.yaml': `services:\n${svc('app', '    networks: [corp]\n')}networks:\n  corp: {external: true, name: ${net}}\n` });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(`network ${net} declared as external, but could not be found`);
    expect(projectResources(project).containers).toEqual([]);
    docker('network', 'create', net);
    try {
      const ok = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
      expect(ok.code, ok.stderr).toBe(0);
      expect(Object.keys(inspect(`${project}-app-1`).NetworkSettings.Networks)).toEqual([net]);
      expect((await tcompose(['-p', project, 'down', '-t', '0'], { cwd: dir })).code).toBe(0);
    } finally {
      docker('network', 'rm', net);
    }
  });

  it('host port already taken: names container and port; other services stay up; converges after', async () => {
    const project = fresh('port');
    const port = await freePort();
    const blocker = `${project}-blocker`;
    extra.push(blocker);
    docker('run', '-d', '--init', '--name', blocker, '-p', `127.0.0.1:${port}:80`, BUSYBOX, 'sleep', '3600');
    const dir = projectDir({ 'compose.yaml': `services:\n${svc('other')}${svc('web', `    ports: ["127.0.0.1:${port}:80"]\n`)}` });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`starting container ${project}-web-1: .*${port}.*(already allocated|address already in use)`));
    expect(inspect(`${project}-other-1`).State.Running).toBe(true);
    docker('rm', '-f', blocker);
    const ok = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(inspect(`${project}-web-1`).State.Running).toBe(true);
    expect(inspect(`${project}-other-1`).State.Running).toBe(true);
  });

  it('image missing locally and not pullable: names the image; converges after fixing the file', async () => {
    const project = fresh('noimg');
    const dir = projectDir({ 'compose.yaml': `services:\n${svc('ok')}  bad:\n    image: tcompose-test/does-not-exist:1\n` });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('tcompose-test/does-not-exist:1');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    writeFileSync(join(dir, 'compose.yaml'), `services:\n${svc('ok')}${svc('bad')}`);
    const ok = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(projectResources(project).containers).toEqual([`${project}-bad-1`, `${project}-ok-1`]);
  });

  it('dependency cycle: the cycle spelled out, nothing created', async () => {
    const project = fresh('cycle');
    const dir = projectDir({ 'compose.yaml': `services:\n${svc('a', '    depends_on: [b]\n')}${svc('b', '    depends_on: [a]\n')}` });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('dependency cycle: a -> b -> a');
    expect(projectResources(project).containers).toEqual([]);
  });
});
