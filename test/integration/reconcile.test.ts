// The reconciler on the real engine: idempotency, targeted recreation, volume data, scale, orphans.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, dockerLines, inspect, projectDir, projectResources, tcompose, uniqueProject } from '../helpers/engine.js';

const state = (name: string): { id: string; startedAt: string } => {
  const c = inspect(name);
  return { id: c.Id as string, startedAt: c.State.StartedAt as string };
};

describe('convergence', () => {
  const project = uniqueProject('conv');
  const yaml = (value: string): string => `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    environment: {VALUE: "${value}"}
    volumes: [data:/data, /anon]
  web:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on:
      db: {condition: service_started, restart: true}
  side:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
volumes:
  data: {}
`;
  const dir = projectDir({ 'compose.yaml': yaml('one') });
  const up = (...args: string[]) => tcompose(['-p', project, '--progress', 'plain', 'up', '-d', ...args], { cwd: dir });
  const names = { db: `${project}-db-1`, web: `${project}-web-1`, side: `${project}-side-1` };
  afterAll(() => cleanupProject(project));

  it('up -d twice: the second run changes nothing and says so', async () => {
    expect((await up()).code).toBe(0);
    const before = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, state(n)]));
    const again = await up();
    expect(again.code).toBe(0);
    expect(again.stdout + again.stderr).toContain('nothing changed: 3 containers up to date');
    expect(again.stdout + again.stderr).not.toMatch(/Creating|Recreating|Starting|Stopping/);
    for (const [k, n] of Object.entries(names)) expect(state(n)).toEqual(before[k]);
  });

  it('a changed environment recreates only that service, restarts restart:true dependents, keeps anonymous volume data', async () => {
    docker('exec', names.db, 'sh', '-c', 'echo anon-data > /anon/f && echo named-data > /data/f');
    const before = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, state(n)]));
    writeFileSync(join(dir, 'compose.yaml'), yaml('two'));
    const r = await up();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Container ${names.db}  Recreated`);
    const after = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, state(n)]));
    expect(after.db!.id).not.toBe(before.db!.id);
    expect(docker('exec', names.db, 'sh', '-c', 'echo $VALUE')).toBe('two');
    expect(after.side).toEqual(before.side);
    expect(after.web!.id).toBe(before.web!.id); // restarted, not recreated
    expect(after.web!.startedAt).not.toBe(before.web!.startedAt);
    expect(docker('exec', names.db, 'cat', '/anon/f')).toBe('anon-data');
  });

  it('-V renews anonymous volumes', async () => {
    expect((await up('-V', '--force-recreate', 'db')).code).toBe(0);
    expect(() => docker('exec', names.db, 'cat', '/anon/f')).toThrow();
    expect(docker('exec', names.db, 'cat', '/data/f')).toBe('named-data');
  });

  it('named volume data survives --force-recreate and down; only down -v removes the volume', async () => {
    expect((await up('--force-recreate')).code).toBe(0);
    expect(docker('exec', names.db, 'cat', '/data/f')).toBe('named-data');
    expect((await tcompose(['-p', project, 'down', '-t', '1'], { cwd: dir })).code).toBe(0);
    expect(projectResources(project).volumes).toEqual([`${project}_data`]);
    expect((await up()).code).toBe(0);
    expect(docker('exec', names.db, 'cat', '/data/f')).toBe('named-data');
    expect((await tcompose(['-p', project, 'down', '-v', '-t', '1'], { cwd: dir })).code).toBe(0);
    expect(projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});

describe('scale and orphans', () => {
  const project = uniqueProject('scale');
  const dir = projectDir({
    'compose.yaml': `
services:
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
  extra:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
`,
  });
  afterAll(() => cleanupProject(project));
  const apps = () => dockerLines('ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=app', '--format', '{{.Names}}').sort();

  it('scales 3 → 1 → 2, removing the highest numbers first', async () => {
    expect((await tcompose(['-p', project, 'up', '-d', '--scale', 'app=3'], { cwd: dir })).code).toBe(0);
    expect(apps()).toEqual([1, 2, 3].map((n) => `${project}-app-${n}`));
    const first = state(`${project}-app-1`);
    expect((await tcompose(['-p', project, 'up', '-d', '--scale', 'app=1'], { cwd: dir })).code).toBe(0);
    expect(apps()).toEqual([`${project}-app-1`]);
    expect(state(`${project}-app-1`)).toEqual(first);
    expect((await tcompose(['-p', project, 'up', '-d', '--scale', 'app=2'], { cwd: dir })).code).toBe(0);
    expect(apps()).toEqual([`${project}-app-1`, `${project}-app-2`]);
    expect(state(`${project}-app-1`)).toEqual(first);
  });

  it('warns about orphans, then removes them with --remove-orphans', async () => {
    writeFileSync(join(dir, 'compose.yaml'), `services:\n  app:\n    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n    scale: 2\n`);
    const warned = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`found orphan containers (${project}-extra-1)`);
    expect(projectResources(project).containers).toContain(`${project}-extra-1`);
    const ps = await tcompose(['-p', project, 'ps', '--orphans=false', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(ps.stdout).map((c: { Name: string }) => c.Name)).toEqual([`${project}-app-1`, `${project}-app-2`]);
    const removed = await tcompose(['-p', project, 'up', '-d', '--remove-orphans'], { cwd: dir });
    expect(removed.code).toBe(0);
    expect(projectResources(project).containers).toEqual([`${project}-app-1`, `${project}-app-2`]);
  });
});

describe('network config change', () => {
  const project = uniqueProject('netchg');
  const services = `services:\n  a:\n    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n  b:\n    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n`;
  const dir = projectDir({ 'compose.yaml': services });
  afterAll(() => cleanupProject(project));

  it('recreates the network after disconnecting its containers, and the containers on it', async () => {
    expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
    const netId = inspect(`${project}_default`).Id;
    writeFileSync(join(dir, 'compose.yaml'), `${services}networks:\n  default:\n    internal: true\n`);
    const r = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Network ${project}_default  Recreated`);
    const net = inspect(`${project}_default`);
    expect(net.Id).not.toBe(netId);
    expect(net.Internal).toBe(true);
    expect(Object.keys(net.Containers).length).toBe(2);
    docker('exec', `${project}-a-1`, 'ping', '-c1', '-W2', 'b'); // DNS between services works on the new network
    const again = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(again.stdout + again.stderr).toContain('nothing changed');
  });
});

describe('secrets and configs', () => {
  const project = uniqueProject('secrets');
  const dir = projectDir({
    'token.txt': 'from-file',
    'compose.yaml': `
services:
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    secrets: [env_secret, {source: file_secret, target: renamed}]
    configs: [{source: inline, target: /etc/app.conf}]
secrets:
  env_secret: {environment: TC_SECRET_VALUE}
  file_secret: {file: ./token.txt}
configs:
  inline: {content: "key=value"}
`,
  });
  afterAll(() => cleanupProject(project));

  it('mounts file ones read-only and copies content/environment ones in before start', async () => {
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir, env: { TC_SECRET_VALUE: 'from-env' } });
    expect(r.code, r.stderr).toBe(0);
    const c = `${project}-app-1`;
    expect(docker('exec', c, 'cat', '/run/secrets/env_secret')).toBe('from-env');
    expect(docker('exec', c, 'cat', '/run/secrets/renamed')).toBe('from-file');
    expect(docker('exec', c, 'cat', '/etc/app.conf')).toBe('key=value');
    expect(docker('exec', c, 'stat', '-c', '%a', '/run/secrets/env_secret')).toBe('444');
    expect(() => docker('exec', c, 'sh', '-c', 'echo x > /run/secrets/renamed')).toThrow();
  });
});
