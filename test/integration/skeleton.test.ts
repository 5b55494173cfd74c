// Issue 2's walking skeleton on the real engine: up -d, ps, down for a 3-service stack
// (web → api → db), names, labels, network, DNS between services, start order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, dockerLines, inspect, projectDir, projectResources, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('skel');
const other = uniqueProject('skel-other');
const compose = `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "echo db-ready > /tmp/index.html; httpd -f -p 80 -h /tmp"]
    environment:
      ROLE: database
  api:
    image: ${BUSYBOX}
    init: true
    command: sh -c "echo api-ok > /tmp/index.html && httpd -f -p 8080 -h /tmp"
    ports:
      - "127.0.0.1::8080"
    depends_on:
      - db
  web:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on: [api]
`;
const dir = projectDir({ 'compose.yaml': compose });

describe('up -d / ps / down on a 3-service stack', () => {
  beforeAll(async () => {
    // A container of another project, started beside ours: down must not touch it.
    docker('run', '-d', '--init', '--name', `${other}-keep-1`, '--label', `com.docker.compose.project=${other}`, BUSYBOX, 'sleep', '3600');
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(r.code).toBe(0);
  });
  afterAll(() => {
    cleanupProject(project);
    cleanupProject(other);
  });

  it('runs all three containers with docker compose names', () => {
    const running = dockerLines('ps', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}').sort();
    expect(running).toEqual([`${project}-api-1`, `${project}-db-1`, `${project}-web-1`]);
  });

  it('labels containers like docker compose', () => {
    const c = inspect(`${project}-api-1`);
    const labels = c.Config.Labels as Record<string, string>;
    expect(labels['com.docker.compose.project']).toBe(project);
    expect(labels['com.docker.compose.service']).toBe('api');
    expect(labels['com.docker.compose.container-number']).toBe('1');
    expect(labels['com.docker.compose.oneoff']).toBe('False');
    expect(labels['com.docker.compose.config-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(labels['com.docker.compose.project.working_dir']).toBe(dir);
    expect(labels['com.docker.compose.project.config_files']).toBe(`${dir}/compose.yaml`);
    expect(labels['com.docker.compose.version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(labels['com.docker.compose.depends_on']).toBe('db:service_started:false');
    expect(labels['com.docker.compose.image']).toMatch(/^sha256:/);
  });

  it('passes command and environment through', () => {
    const db = inspect(`${project}-db-1`);
    expect(db.Config.Env).toContain('ROLE=database');
    expect(db.Config.Cmd).toEqual(['sh', '-c', 'echo db-ready > /tmp/index.html; httpd -f -p 80 -h /tmp']);
    expect(inspect(`${project}-api-1`).Config.Cmd).toEqual(['sh', '-c', 'httpd -f -p 8080 -h /tmp'.replace(/^/, 'echo api-ok > /tmp/index.html && ')]);
  });

  it('attaches every container to <project>_default with the service name as alias', () => {
    const net = inspect(`${project}_default`);
    expect(net.Labels['com.docker.compose.project']).toBe(project);
    expect(net.Labels['com.docker.compose.network']).toBe('default');
    for (const svc of ['db', 'api', 'web']) {
      const endpoint = inspect(`${project}-${svc}-1`).NetworkSettings.Networks[`${project}_default`];
      expect(endpoint, svc).toBeDefined();
      expect(endpoint.Aliases).toContain(svc);
    }
  });

  it('lets web reach api by service name, and api reach db', () => {
    expect(docker('exec', `${project}-web-1`, 'wget', '-qO-', 'http://api:8080/')).toBe('api-ok');
    expect(docker('exec', `${project}-api-1`, 'wget', '-qO-', 'http://db/')).toBe('db-ready');
  });

  it('publishes ports', () => {
    const bindings = inspect(`${project}-api-1`).NetworkSettings.Ports['8080/tcp'] as { HostIp: string; HostPort: string }[];
    expect(bindings[0]!.HostIp).toBe('127.0.0.1');
    expect(Number(bindings[0]!.HostPort)).toBeGreaterThan(0);
  });

  it('starts dependencies first', () => {
    const started = (svc: string): number => Date.parse(inspect(`${project}-${svc}-1`).State.StartedAt);
    expect(started('db')).toBeLessThanOrEqual(started('api'));
    expect(started('api')).toBeLessThanOrEqual(started('web'));
  });

  it('ps lists the three containers with service, image, state and ports', async () => {
    const r = await tcompose(['-p', project, 'ps'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^${project}-api-1\\s+${BUSYBOX.replace(/[/.]/g, '\\$&')}\\s+.*\\sapi\\s.*Up .*127\\.0\\.0\\.1:\\d+->8080/tcp`));
    const json = JSON.parse((await tcompose(['-p', project, 'ps', '--format', 'json'], { cwd: dir })).stdout) as { Service: string; State: string }[];
    expect(json.map((c) => [c.Service, c.State])).toEqual([['api', 'running'], ['db', 'running'], ['web', 'running']]);
  });

  it('down removes the project and leaves other projects alone', async () => {
    const r = await tcompose(['-p', project, 'down', '-t', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(projectResources(other).containers).toEqual([`${other}-keep-1`]);
    expect(inspect(`${other}-keep-1`).State.Running).toBe(true);
    expect(r.stderr).not.toMatch(/No resource found/);
  });

  it('down again finds nothing and says so, as docker compose does', async () => {
    const r = await tcompose(['-p', project, 'down'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`No resource found to remove for project "${project}".`);
  });
});
