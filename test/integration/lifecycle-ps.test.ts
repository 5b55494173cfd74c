// ps flags on the real engine: -a, -q, --services, --status, --filter, --format json, --no-trunc.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('ps');
const dir = projectDir({
  'compose.yaml': `
services:
  api:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    ports: ["127.0.0.1::8080"]
  job:
    image: ${BUSYBOX}
    command: ["sh", "-c", "exit 3"]
`,
});
const ps = async (...args: string[]): Promise<string> => {
  const r = await tcompose(['-p', project, 'ps', ...args], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

describe('ps', () => {
  beforeAll(async () => {
    expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
    docker('wait', `${project}-job-1`);
  });
  afterAll(() => cleanupProject(project));

  it('lists running containers by default, all with -a', async () => {
    expect(await ps()).toMatch(new RegExp(`^NAME +IMAGE +COMMAND +SERVICE +CREATED +STATUS +PORTS\\n${project}-api-1 .*127\\.0\\.0\\.1:\\d+->8080/tcp\\n$`));
    expect((await ps('-a')).trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual([`${project}-api-1`, `${project}-job-1`]);
  });

  it('-q, --no-trunc, --services, --status and --filter', async () => {
    const id = docker('inspect', '-f', '{{.Id}}', `${project}-api-1`);
    expect(await ps('-q')).toBe(`${id.slice(0, 12)}\n`);
    expect(await ps('-q', '--no-trunc')).toBe(`${id}\n`);
    expect(await ps('-a', '--services')).toBe('api\njob\n');
    expect(await ps('--status', 'exited', '--services')).toBe('job\n');
    expect(await ps('--filter', 'status=running', '--services')).toBe('api\n');
    // docker-compose v1's spellings: status=stopped, source=image|build.
    expect(await ps('--filter', 'status=stopped', '--services')).toBe('job\n');
    expect(await ps('-a', '--filter', 'source=image', '--services')).toBe('api\njob\n');
    expect(await ps('-a', '--filter', 'source=build', '--services')).toBe('');
    expect((await tcompose(['-p', project, 'ps', '--filter', 'health=healthy'], { cwd: dir })).code).toBe(2);
    const bad = await tcompose(['-p', project, 'ps', '--status', 'sleeping'], { cwd: dir });
    expect(bad.code).toBe(2);
  });

  it('--format json: one stable JSON array', async () => {
    const rows = JSON.parse(await ps('-a', '--format', 'json')) as Record<string, unknown>[];
    expect(rows.map((r) => [r.Service, r.State, r.ExitCode])).toEqual([['api', 'running', 0], ['job', 'exited', 3]]);
    const api = rows[0]!;
    expect(Object.keys(api)).toEqual(expect.arrayContaining(['ID', 'Name', 'Project', 'Service', 'Image', 'Command', 'State', 'Status', 'Health', 'ExitCode', 'Publishers', 'Labels', 'Networks']));
    expect(api.Project).toBe(project);
    expect(api.Networks).toBe(`${project}_default`);
    expect((api.Publishers as { TargetPort: number; URL: string }[])[0]).toMatchObject({ TargetPort: 8080, URL: '127.0.0.1' });
    expect(JSON.parse(await ps('--format', 'json', 'job'))).toEqual([]);
  });
});
