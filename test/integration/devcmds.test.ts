// The developer commands against the real engine: cp, port, ls, events, wait, top, stats,
// scale, version, attach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, cleanupProject, docker, dockerLines, projectDir, startCli, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('dev');
const other = uniqueProject('dev2');
const compose = `services:
  web:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
    ports: ["127.0.0.1::8080", "127.0.0.1::5353/udp"]
  job:
    image: ${BUSYBOX}
    command: ["sh", "-c", "sleep 1; exit 7"]
    profiles: [jobs]
`;
const dir = projectDir({ 'compose.yaml': compose });
const otherDir = projectDir({ 'compose.yaml': compose });
const tc = (...args: string[]) => tcompose(['-p', project, ...args], { cwd: dir });

beforeAll(async () => {
  const a = await tc('up', '-d');
  expect(a.code, a.stderr).toBe(0);
  const b = await tcompose(['-p', other, 'up', '-d'], { cwd: otherDir });
  expect(b.code, b.stderr).toBe(0);
  docker('stop', '-t', '1', `${other}-web-1`);
}, 90_000);
afterAll(() => {
  cleanupProject(project);
  cleanupProject(other);
});

/** A tree of files, with its contents, relative to `root`. */
function tree(root: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, { [p + '/']: '' }, tree(root, p));
    else if (e.isSymbolicLink()) out[p] = '-> link';
    else out[p] = readFileSync(join(root, p), 'utf8');
  }
  return out;
}

describe('tcompose cp', () => {
  it('round-trips a directory (to the container and back)', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha\n');
    writeFileSync(join(src, 'sub', 'b.txt'), 'beta\n');
    writeFileSync(join(src, 'sub', 'deeper', 'c.txt'), 'gamma\n');
    symlinkSync('a.txt', join(src, 'link'));
    const to = await tc('cp', src, 'web:/tmp/copied');
    expect(to.code, to.stderr).toBe(0);
    expect(docker('exec', `${project}-web-1`, 'cat', '/tmp/copied/sub/deeper/c.txt')).toBe('gamma');
    const back = await tc('cp', 'web:/tmp/copied', join(dir, 'back'));
    expect(back.code, back.stderr).toBe(0);
    expect(tree(join(dir, 'back'))).toEqual(tree(src));
    // Into an existing folder: under the source's own name; "SRC/." copies the contents only.
    mkdirSync(join(dir, 'into'));
    expect((await tc('cp', 'web:/tmp/copied', join(dir, 'into'))).code).toBe(0);
    expect(tree(join(dir, 'into', 'copied'))).toEqual(tree(src));
    mkdirSync(join(dir, 'contents'));
    expect((await tc('cp', 'web:/tmp/copied/.', join(dir, 'contents'))).code).toBe(0);
    expect(tree(join(dir, 'contents'))).toEqual(tree(src));
  });

  it('copies a single file under a new name, and fails clearly for a missing path', async () => {
    writeFileSync(join(dir, 'one.txt'), 'one\n');
    expect((await tc('cp', join(dir, 'one.txt'), 'web:/tmp/renamed.txt')).code).toBe(0);
    expect(docker('exec', `${project}-web-1`, 'cat', '/tmp/renamed.txt')).toBe('one');
    const missing = await tc('cp', 'web:/no/such/file', join(dir, 'x'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/could not find the file \/no\/such\/file/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('tcompose port', () => {
  it('prints the published host port (tcp by default, --protocol udp)', async () => {
    const tcp = await tc('port', 'web', '8080');
    expect(tcp.code, tcp.stderr).toBe(0);
    const published = docker('port', `${project}-web-1`, '8080/tcp');
    expect(tcp.stdout).toBe(`${published}\n`);
    expect(tcp.stdout).toMatch(/^127\.0\.0\.1:\d+\n$/);
    const udp = await tc('port', '--protocol', 'udp', 'web', '5353');
    expect(udp.stdout).toBe(`${docker('port', `${project}-web-1`, '5353/udp')}\n`);
    const none = await tc('port', 'web', '9999');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no port 9999\/tcp/);
  });
});

describe('tcompose ls', () => {
  it('lists the projects on the engine with their status (running only unless -a)', async () => {
    const table = await tcompose(['ls', '--filter', `name=^tc-dev`]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+STATUS\s+CONFIG FILES$/m);
    expect(table.stdout).toMatch(new RegExp(`^${project}\\s+running\\(1\\)\\s+${join(dir, 'compose.yaml')}$`, 'm'));
    expect(table.stdout).not.toContain(other);
    const all = await tcompose(['ls', '-a', '--format', 'json']);
    const rows = JSON.parse(all.stdout) as { Name: string; Status: string; ConfigFiles: string }[];
    expect(rows.find((r) => r.Name === project)).toEqual({ Name: project, Status: 'running(1)', ConfigFiles: join(dir, 'compose.yaml') });
    expect(rows.find((r) => r.Name === other)).toEqual({ Name: other, Status: 'exited(1)', ConfigFiles: join(otherDir, 'compose.yaml') });
    const quiet = await tcompose(['ls', '-a', '-q', '--filter', `name=${other}`]);
    expect(quiet.stdout).toBe(`${other}\n`);
  });
});

describe('tcompose events', () => {
  it('--json emits a line for a container start', async () => {
    const cli = startCli(['-p', project, 'events', '--json'], { cwd: dir });
    const started = (): boolean => /"action":"start"/.test(cli.out());
    try {
      // No fixed wait for the subscription: restart until a start is seen (a restart made
      // before `events` subscribed is simply missed), for at most 30 s.
      for (const deadline = Date.now() + 30_000; !started() && Date.now() < deadline; ) {
        docker('restart', '-t', '1', `${project}-web-1`);
        for (let i = 0; i < 20 && !started(); i++) await new Promise((res) => setTimeout(res, 100));
      }
    } finally {
      cli.child.kill('SIGINT');
      await cli.exited;
    }
    const out = cli.out();
    expect(out, `no events printed; stderr: ${cli.err()}`).not.toBe('');
    const events = out.trim().split('\n').map((l) => JSON.parse(l));
    const start = events.find((e) => e.action === 'start');
    expect(start).toMatchObject({ type: 'container', action: 'start', service: 'web', attributes: { name: `${project}-web-1`, image: BUSYBOX } });
    expect(start.id).toBe(docker('inspect', '-f', '{{.Id}}', `${project}-web-1`));
    expect(start.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  }, 60_000);
});

describe('tcompose wait', () => {
  it('returns the exit code of a one-shot', async () => {
    const up = await tc('--profile', 'jobs', 'up', '-d', 'job');
    expect(up.code, up.stderr).toBe(0);
    const r = await tc('--profile', 'jobs', 'wait', 'job');
    expect(r.code, r.stderr).toBe(7);
  }, 60_000);
});

describe('tcompose top, stats, scale, version', () => {
  it('top lists the processes of each container', async () => {
    const r = await tc('top');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${project}-web-1\\nUID\\s+PID\\s+PPID`, 'm'));
    expect(r.stdout).toMatch(/sleep 3600/);
  });

  it('stats --no-stream prints one sample, as a table or JSON', async () => {
    const table = await tc('stats', '--no-stream');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT/);
    const json = await tc('stats', '--no-stream', '--format', 'json');
    const row = JSON.parse(json.stdout.trim().split('\n')[0]!);
    expect(row.Name).toBe(`${project}-web-1`);
    expect(row.MemUsage).toMatch(/iB \/ /);
    expect(Number(row.PIDs)).toBeGreaterThan(0);
  }, 30_000);

  it('scale adds and removes containers of one service', async () => {
    const up = await tc('scale', 'web=2');
    expect(up.code, up.stderr).toBe(0);
    const names = () => dockerLines('ps', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=web', '--format', '{{.Names}}').sort();
    expect(names()).toEqual([`${project}-web-1`, `${project}-web-2`]);
    const port2 = await tc('port', '--index', '2', 'web', '8080');
    expect(port2.stdout).toBe(`${docker('port', `${project}-web-2`, '8080/tcp')}\n`);
    const down = await tc('scale', 'web=1');
    expect(down.code, down.stderr).toBe(0);
    expect(names()).toEqual([`${project}-web-1`]);
  }, 60_000);

  it('version prints ours and the engine; --short never needs the engine', async () => {
    const pkg = JSON.parse(readFileSync(join(CLI, '../../package.json'), 'utf8')) as { version: string };
    const full = await tcompose(['version']);
    expect(full.stdout).toMatch(new RegExp(`^tcompose version ${pkg.version.replace(/\./g, '\\.')}\\nDocker Engine version \\S+ \\(API 1\\.\\d+`));
    const json = JSON.parse((await tcompose(['version', '--format', 'json'])).stdout);
    expect(json.version).toBe(pkg.version);
    expect(json.engine.apiVersion).toMatch(/^1\.\d+$/);
    const short = await tcompose(['version', '--short'], { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    expect(short).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const noEngine = await tcompose(['version'], { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' } });
    expect(noEngine.code).toBe(0);
    expect(noEngine.stdout).toBe(`tcompose version ${pkg.version}\n`);
  });
});

describe('tcompose attach', () => {
  it('streams the output of the main process and returns its exit code', async () => {
    const attachDir = projectDir({
      'compose.yaml': `services:\n  talk:\n    image: ${BUSYBOX}\n    command: ["sh", "-c", "sleep 2; echo from-main; exit 3"]\n`,
    });
    const p = uniqueProject('attach');
    try {
      expect((await tcompose(['-p', p, 'up', '-d'], { cwd: attachDir })).code).toBe(0);
      const r = await tcompose(['-p', p, 'attach', '--no-stdin', 'talk'], { cwd: attachDir });
      expect(r.stdout).toBe('from-main\n');
      expect(r.code).toBe(3);
    } finally {
      cleanupProject(p);
    }
  }, 60_000);
});
