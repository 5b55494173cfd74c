// create/start/stop/restart/kill/pause/unpause/rm on the real engine, through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, inspect, projectDir, projectResources, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('life');
const dir = projectDir({
  'compose.yaml': `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "sleep 1; touch /tmp/ready; sleep 3600"]
    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 20}
  web:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on:
      db: {condition: service_healthy}
`,
});
const run = (...args: string[]) => tcompose(['-p', project, '--progress', 'plain', ...args], { cwd: dir });
const db = `${project}-db-1`;
const web = `${project}-web-1`;
const status = (name: string): string => inspect(name).State.Status as string;

describe('lifecycle commands', () => {
  beforeAll(async () => {
    const r = await run('create');
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => cleanupProject(project));

  it('create makes the containers without starting them', () => {
    expect(status(db)).toBe('created');
    expect(status(web)).toBe('created');
  });

  it('--dry-run start prints the plan and changes nothing', async () => {
    const r = await run('--dry-run', 'start');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wait service db (healthy) after: start container ${db}`);
    expect(r.stdout).toContain(`start container ${web} (was created) after: wait service db`);
    expect(status(db)).toBe('created');
  });

  it('start: dependencies first, the dependent once its dependency is healthy', async () => {
    const r = await run('start');
    expect(r.code, r.stderr).toBe(0);
    const d = inspect(db);
    expect(d.State.Health.Status).toBe('healthy');
    expect(Date.parse(inspect(web).State.StartedAt)).toBeGreaterThan(Date.parse(d.State.StartedAt) + 900);
  });

  it('stop: dependents before dependencies, with -t', async () => {
    const r = await run('stop', '-t', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(status(db)).toBe('exited');
    expect(status(web)).toBe('exited');
    expect(Date.parse(inspect(web).State.FinishedAt)).toBeLessThanOrEqual(Date.parse(inspect(db).State.FinishedAt));
    expect(r.stderr.indexOf(`Container ${web}  Stopped`)).toBeLessThan(r.stderr.indexOf(`Container ${db}  Stopping`));
  });

  it('restart: the service and its dependents', async () => {
    expect((await run('start')).code).toBe(0);
    const before = { db: inspect(db).State.StartedAt, web: inspect(web).State.StartedAt };
    const r = await run('restart', '-t', '1', 'db');
    expect(r.code, r.stderr).toBe(0);
    expect(inspect(db).State.StartedAt).not.toBe(before.db);
    expect(inspect(web).State.StartedAt).not.toBe(before.web);
    const only = inspect(db).State.StartedAt;
    expect((await run('restart', '--no-deps', 'web')).code).toBe(0);
    expect(inspect(db).State.StartedAt).toBe(only);
  });

  it('pause and unpause', async () => {
    expect((await run('pause')).code).toBe(0);
    expect(status(db)).toBe('paused');
    expect(status(web)).toBe('paused');
    expect((await run('unpause', 'web')).code).toBe(0);
    expect(status(web)).toBe('running');
    expect((await run('unpause')).code).toBe(0);
    expect(status(db)).toBe('running');
  });

  it('kill -s sends the signal', async () => {
    const r = await run('kill', '-s', 'SIGTERM', 'web');
    expect(r.code, r.stderr).toBe(0);
    for (let i = 0; i < 50 && status(web) !== 'exited'; i++) await new Promise((res) => setTimeout(res, 100));
    expect(status(web)).toBe('exited');
    expect(status(db)).toBe('running');
  });

  it('rm without -f and no terminal: asks on stdout, a missing answer keeps the containers', async () => {
    const r = await run('rm');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Going to remove ${web}`);
    expect(projectResources(project).containers).toContain(web);
    const yes = await tcompose(['-p', project, 'rm'], { cwd: dir, input: 'y\n' });
    expect(yes.code).toBe(0);
    expect(projectResources(project).containers).toEqual([db]);
  });

  it('rm leaves running containers alone; -s -f stops and removes them', async () => {
    const none = await run('rm', '-f');
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No stopped containers');
    expect(projectResources(project).containers).toEqual([db]);
    const r = await run('rm', '-s', '-f', '-v');
    expect(r.code, r.stderr).toBe(0);
    expect(projectResources(project).containers).toEqual([]);
  });

  it('start with nothing to start is a clear error', async () => {
    const r = await run('start', 'web');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('service web has no container to start; run `tcompose up` or `tcompose create` first');
  });

  it('--progress json reports each operation as a JSON line', async () => {
    const r = await tcompose(['-p', project, '--progress', 'json', 'create', 'db'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { type: string; resource?: string });
    expect(events.some((e) => e.type === 'node.done' && e.resource === `container ${db}`)).toBe(true);
    const quiet = await tcompose(['-p', project, '--progress', 'quiet', 'start', 'db'], { cwd: dir });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr + quiet.stdout).toBe('');
  });
});

describe('down next to what it does not own', () => {
  const owner = uniqueProject('inuse');
  const outsider = `${owner}-outsider`;
  afterAll(() => {
    try {
      docker('rm', '-f', outsider);
    } catch {
      // already gone
    }
    cleanupProject(owner);
  });

  it('leaves a network and a volume an outside container still uses, says so, and succeeds', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  app:\n    image: ${BUSYBOX}\n    command: ["sleep", "3600"]\n    init: true\n    volumes: [data:/data]\nvolumes:\n  data: {}\n` });
    const up = await tcompose(['-p', owner, 'up', '-d'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    docker('run', '-d', '--name', outsider, '--init', '--network', `${owner}_default`, '-v', `${owner}_data:/data`, BUSYBOX, 'sleep', '3600');
    const t0 = Date.now();
    const down = await tcompose(['-p', owner, '--progress', 'plain', 'down', '-v', '-t', '1'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toMatch(new RegExp(`Network ${owner}_default  Resource is still in use`));
    expect(down.stderr).toMatch(new RegExp(`Volume ${owner}_data  Resource is still in use`));
    expect(Date.now() - t0).toBeLessThan(2_500); // no retrying a network that is simply in use
    expect(projectResources(owner)).toEqual({ containers: [], networks: [`${owner}_default`], volumes: [`${owner}_data`] });
  });
});
