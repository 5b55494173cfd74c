// Label interop with Debian's docker-compose v1: each sees and handles the other's containers.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, projectDir, projectResources, run, tcompose, uniqueProject } from '../helpers/engine.js';

const compose = `
services:
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
`;
const ours = uniqueProject('interop-tc');
const theirs = uniqueProject('interop-v1');
afterAll(() => {
  cleanupProject(ours);
  cleanupProject(theirs);
});

describe('docker-compose v1 interop', () => {
  it('docker-compose -p <project> ps lists containers tcompose created', async () => {
    const dir = projectDir({ 'docker-compose.yml': compose });
    expect((await tcompose(['-p', ours, 'up', '-d'], { cwd: dir })).code).toBe(0);
    const v1 = await run('docker-compose', ['-p', ours, 'ps'], { cwd: dir });
    expect(v1.code, v1.stderr).toBe(0);
    expect(v1.stdout).toContain(`${ours}-app-1`);
    expect(v1.stdout).toMatch(/Up/);
  });

  it('tcompose ps and down handle containers created by docker-compose up -d', async () => {
    const dir = projectDir({ 'docker-compose.yml': compose });
    const up = await run('docker-compose', ['-p', theirs, 'up', '-d'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const ps = await tcompose(['-p', theirs, 'ps', '--format', 'json'], { cwd: dir });
    expect(ps.code, ps.stderr).toBe(0);
    const rows = JSON.parse(ps.stdout) as { Name: string; Service: string; State: string }[];
    expect(rows.map((r) => [r.Name, r.Service, r.State])).toEqual([[`${theirs}_app_1`, 'app', 'running']]);
    const down = await tcompose(['-p', theirs, 'down', '-t', '1'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(projectResources(theirs)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
