// Bad input is answered with one clear line on stderr, a documented exit code, and no stack trace.
import { describe, expect, it } from 'vitest';
import { BUSYBOX, projectDir, tcompose } from '../helpers/engine.js';

const noStack = (stderr: string): void => {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toMatch(/internal error/);
};

describe('CLI errors', () => {
  it('--version answers fast and alone', async () => {
    const r = await tcompose(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tcompose version \d+\.\d+\.\d+\n$/);
  });

  it('--help lists the commands', async () => {
    const r = await tcompose(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['up', 'down', 'ps', 'config']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it('no compose file in the directory', async () => {
    const dir = projectDir({});
    const r = await tcompose(['ps'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no configuration file provided: not found/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    noStack(r.stderr);
  });

  it('-f names a file that does not exist', async () => {
    const dir = projectDir({});
    const r = await tcompose(['-f', 'nope.yaml', 'up', '-d'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/nope\.yaml/);
    expect(r.stderr).toMatch(/no such file/i);
    noStack(r.stderr);
  });

  it('unreadable YAML points at the line', async () => {
    const dir = projectDir({ 'compose.yaml': 'services:\n  web:\n    image: [unclosed\n' });
    const r = await tcompose(['up', '-d'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/compose\.yaml:\d+:\d+/);
    noStack(r.stderr);
  });

  it('unknown service in depends_on is named with its location', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  web:\n    image: ${BUSYBOX}\n    depends_on: [ghost]\n` });
    const r = await tcompose(['up', '-d'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/compose\.yaml:4:\d+: .*ghost/);
    noStack(r.stderr);
  });

  it('an engine that does not answer gives one line and exit code 4', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  web:\n    image: ${BUSYBOX}\n` });
    const r = await tcompose(['ps'], { cwd: dir, env: { DOCKER_HOST: 'unix:///tmp/no-such-docker.sock' } });
    expect(r.code).toBe(4);
    expect(r.stderr.trim()).toMatch(/^cannot reach the Docker engine at unix:\/\/\/tmp\/no-such-docker\.sock/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    noStack(r.stderr);
  });

  it('a malformed DOCKER_HOST is a usage error, not an internal error', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  web:\n    image: ${BUSYBOX}\n` });
    const r = await tcompose(['ps'], { cwd: dir, env: { DOCKER_HOST: 'tcp://[bad' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('invalid DOCKER_HOST "tcp://[bad": use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host\n');
  });

  it('an unknown flag is a usage error (exit 2)', async () => {
    const r = await tcompose(['up', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
  });

  it('an unknown command is a usage error with a suggestion', async () => {
    const r = await tcompose(['upp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'upp'/);
    expect(r.stderr).toMatch(/Did you mean up\?/);
  });

  it('a service that is not in the file: same message and exit code 1 for every command', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  db:\n    image: ${BUSYBOX}\n` });
    for (const args of [['up', '-d', 'nope'], ['stop', 'nope'], ['logs', 'nope'], ['exec', 'nope', 'true'], ['run', 'nope'], ['scale', 'nope=2'], ['watch', '--no-up', 'nope']]) {
      const r = await tcompose(['-p', 'tc-nosvc', ...args], { cwd: dir });
      expect(r.stderr, args.join(' ')).toBe('no such service: nope\n');
      expect(r.code, args.join(' ')).toBe(1);
    }
  });

  it('an invalid project name is refused', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  web:\n    image: ${BUSYBOX}\n` });
    const r = await tcompose(['-p', 'Bad Name!', 'config'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/invalid project name/);
    noStack(r.stderr);
  });

  it('an invalid -p name without a compose file gets the loader message (one validator)', async () => {
    const dir = projectDir({});
    const r = await tcompose(['-p', 'Bad Name!', 'ps'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('invalid project name "Bad Name!": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number\n');
  });

  it('bad option values are usage errors (exit 2) with one line, from every command', async () => {
    const dir = projectDir({ 'compose.yaml': `services:\n  web:\n    image: ${BUSYBOX}\n` });
    const cases: [string[], string][] = [
      [['ps', '--orphans=maybe'], 'invalid boolean "maybe": use true or false'],
      [['attach', '--sig-proxy=nah', 'web'], 'invalid boolean "nah": use true or false'],
      [['images', '--format', 'yaml'], 'invalid --format "yaml": use table or json'],
      [['ps', '--format', 'yaml'], 'invalid --format "yaml": use table or json'],
      [['logs', '--index', '0', 'web'], 'invalid --index value "0": use a container number (1, 2, …)'],
      [['exec', '--index', 'x', 'web', 'true'], 'invalid --index value "x": use a container number (1, 2, …)'],
      [['scale', 'web'], 'invalid scale "web": use SERVICE=NUMBER'],
      [['up', '-d', '--scale', 'web=x'], 'invalid --scale value "web=x": use SERVICE=NUMBER'],
    ];
    for (const [args, message] of cases) {
      const r = await tcompose(['-p', 'tc-badflag', ...args], { cwd: dir });
      expect(r.stderr, args.join(' ')).toBe(`${message}\n`);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});
