// `tcompose run` against the real engine: one-off containers, exit codes, --rm, dependencies,
// piped stdin, -d, and the overrides docker compose run offers.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, cleanupProject, docker, dockerLines, inspect, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('run');
const dir = projectDir({
  'compose.yaml': `services:
  app:
    image: ${BUSYBOX}
    command: ["echo", "default command"]
    depends_on: [db]
    ports: ["80"]
    environment:
      FROM_FILE: file
    restart: always
  db:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
  lonely:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
`,
});
const tc = (...args: string[]) => tcompose(['-p', project, ...args], { cwd: dir });
const containers = (): string[] => dockerLines('ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}').sort();

afterAll(() => cleanupProject(project));

describe('tcompose run', () => {
  it('starts a dependency that was down, runs the default command and returns 0', async () => {
    expect(containers()).toEqual([]);
    const r = await tc('run', '--rm', 'app');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('default command\n');
    expect(docker('inspect', '-f', '{{.State.Running}}', `${project}-db-1`)).toBe('true');
  }, 60_000);

  it('returns the exit code of the command and --rm leaves no container', async () => {
    const r = await tc('run', '--rm', 'app', 'sh', '-c', 'echo out; echo err >&2; exit 4');
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toContain('err\n');
    expect(containers()).toEqual([`${project}-db-1`]);
  }, 60_000);

  it('pipes stdin with -T', async () => {
    const r = await tcompose(['-p', project, 'run', '--rm', '-T', 'app', 'cat'], { cwd: dir, input: 'piped\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('piped\n');
  }, 60_000);

  it('--env-from-file: files in order, -e over them; a missing file is a usage error', async () => {
    writeFileSync(join(dir, 'a.env'), '# first\nA=from-a\nB=from-a\n');
    writeFileSync(join(dir, 'b.env'), 'B=from-b\nC="quoted c"\n');
    const r = await tc('run', '--rm', '-T', '--env-from-file', 'a.env', '--env-from-file', 'b.env', '-e', 'C=cli', 'app', 'sh', '-c', 'echo "$A|$B|$C|$FROM_FILE"');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('from-a|from-b|cli|file\n');
    const missing = await tc('run', '--rm', '-T', '--env-from-file', 'nope.env', 'app', 'true');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--env-from-file nope.env: no such file');
  }, 60_000);

  it('keeps the one-off without --rm, named and labelled like docker compose, with overrides', async () => {
    const r = await tc('run', '-e', 'EXTRA=1', '-l', 'team=dev', '-u', '4321', '-w', '/tmp', '--entrypoint', 'sh -c', 'app', 'echo $EXTRA $FROM_FILE $(id -u) $(pwd)');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('1 file 4321 /tmp\n');
    const oneoff = containers().filter((n) => n.startsWith(`${project}-app-run-`));
    expect(oneoff).toHaveLength(1);
    expect(oneoff[0]).toMatch(new RegExp(`^${project}-app-run-[0-9a-f]{12}$`));
    const c = inspect(oneoff[0]!);
    expect(c.Config.Labels['com.docker.compose.oneoff']).toBe('True');
    expect(c.Config.Labels['com.docker.compose.service']).toBe('app');
    expect(c.Config.Labels.team).toBe('dev');
    // The service's `restart: always` does not apply to a one-off, even without --rm.
    expect(c.HostConfig.RestartPolicy?.Name ?? '').toMatch(/^(no)?$/);
    expect(c.HostConfig.AutoRemove).toBe(false);
    // No ports without --service-ports; no service alias without --use-aliases.
    expect(c.HostConfig.PortBindings ?? {}).toEqual({});
    const endpoint = Object.values(c.NetworkSettings.Networks as Record<string, { Aliases: string[] | null }>)[0]!;
    expect(endpoint.Aliases ?? []).not.toContain('app');
    docker('rm', '-f', oneoff[0]!);
  }, 60_000);

  it('publishes the service ports with --service-ports and keeps aliases with --use-aliases', async () => {
    const r = await tc('run', '-d', '--service-ports', '--use-aliases', 'app', 'sleep', '30');
    expect(r.code, r.stderr).toBe(0);
    const name = r.stdout.trim();
    expect(name).toMatch(new RegExp(`^${project}-app-run-[0-9a-f]{12}$`));
    const c = inspect(name);
    expect(Object.keys(c.HostConfig.PortBindings)).toEqual(['80/tcp']);
    const endpoint = Object.values(c.NetworkSettings.Networks as Record<string, { Aliases: string[] }>)[0]!;
    expect(endpoint.Aliases).toContain('app');
    docker('rm', '-f', name);
  }, 60_000);

  it('--no-deps leaves dependencies alone; --name names the container; -p publishes', async () => {
    docker('rm', '-f', `${project}-db-1`);
    const r = await tc('run', '-d', '--no-deps', '--name', `${project}-custom`, '-p', '127.0.0.1::80', 'app', 'sleep', '30');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${project}-custom\n`);
    expect(containers()).toEqual([`${project}-custom`]);
    const c = inspect(`${project}-custom`);
    expect(c.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
    // ps shows one-off containers only with --all, like docker compose.
    expect((await tc('ps', '--format', 'json')).stdout).not.toContain(`${project}-custom`);
    expect((await tc('ps', '-a', '--format', 'json')).stdout).toContain(`${project}-custom`);
    docker('rm', '-f', `${project}-custom`);
  }, 60_000);

  it('Ctrl-C stops the one-off, and --rm still removes it', async () => {
    const child = spawn(process.execPath, [CLI, '-p', project, 'run', '--rm', '-T', 'lonely', 'sleep', '60'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    const oneoffs = () => containers().filter((n) => n.startsWith(`${project}-lonely-run-`));
    const running = (): boolean => oneoffs().length === 1 && inspect(oneoffs()[0]!).State.Running === true;
    for (let i = 0; i < 200 && !running(); i++) await new Promise((res) => setTimeout(res, 50));
    expect(running()).toBe(true);
    // As soon as it runs (Ctrl-C before that ends run with 130 and no container): it is stopped, not waited out.
    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(Date.now() - t0).toBeLessThan(8000); // stopped, not waited out
    expect(code).toBe(143); // the container's exit code after SIGTERM
    expect(oneoffs()).toEqual([]);
  }, 60_000);

  it('--rm: the engine removes the one-off even when tcompose is killed', async () => {
    const child = spawn(process.execPath, [CLI, '-p', project, 'run', '--rm', '-T', 'lonely', 'sleep', '2'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<void>((res) => child.on('close', () => res()));
    const oneoffs = () => containers().filter((n) => n.startsWith(`${project}-lonely-run-`));
    for (let i = 0; i < 100 && !oneoffs().length; i++) await new Promise((res) => setTimeout(res, 100));
    expect(oneoffs()).toHaveLength(1);
    expect(inspect(oneoffs()[0]!).HostConfig.AutoRemove).toBe(true);
    child.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 100 && oneoffs().length; i++) await new Promise((res) => setTimeout(res, 100));
    expect(oneoffs()).toEqual([]);
  }, 60_000);

  it('fails clearly for an unknown service', async () => {
    const r = await tc('run', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no such service: nope/);
  });
});
