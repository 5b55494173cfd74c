// `tcompose logs` against the real engine: merged output, prefixes, stdout/stderr, tty,
// --tail/--since/--until/-t/--no-log-prefix, and -f through a restart and a scale-up.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, CLI, cleanupProject, docker, projectDir, tcompose, uniqueProject, eventually } from '../helpers/engine.js';

const project = uniqueProject('logs');
const compose = `
services:
  api:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "echo api out 1; echo api err 1 >&2; sleep 0.3; echo api out 2; echo done > /tmp/ready; sleep 300"]
  worker:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "sleep 0.1; echo worker out 1; printf 'worker crlf\\\\r\\\\n'; printf 'worker split '; sleep 0.1; echo 'line'; sleep 300"]
  term:
    image: ${BUSYBOX}
    init: true
    tty: true
    command: ["sh", "-c", "echo term line; echo term err >&2; sleep 300"]
`;
let dir: string;
const run = (...args: string[]) => tcompose(['-p', project, ...args], { cwd: dir });

/** Waits until `check` passes (the containers write their lines right after starting). */

beforeAll(async () => {
  dir = projectDir({ 'compose.yaml': compose });
  const r = await run('up', '-d');
  expect(r.code, r.stderr).toBe(0);
  await eventually(() => docker('logs', `${project}-api-1`).includes('api out 2'));
  await eventually(() => docker('logs', `${project}-term-1`).includes('term err'));
  await eventually(() => docker('logs', `${project}-worker-1`).includes('worker split line'));
});

afterAll(() => cleanupProject(project));

const count = (text: string, line: string): number => text.split('\n').filter((l) => l === line).length;

describe('logs', () => {
  it('shows every line once with its prefix; stderr on stderr when piped; tty output raw', async () => {
    const r = await run('logs');
    expect(r.code, r.stderr).toBe(0);
    expect(count(r.stdout, 'api-1    | api out 1')).toBe(1);
    expect(count(r.stdout, 'api-1    | api out 2')).toBe(1);
    expect(count(r.stderr, 'api-1    | api err 1')).toBe(1);
    expect(count(r.stdout, 'worker-1 | worker out 1')).toBe(1);
    expect(count(r.stdout, 'worker-1 | worker crlf')).toBe(1); // CR dropped
    expect(count(r.stdout, 'worker-1 | worker split line')).toBe(1); // written in two pieces
    // tty: one stream, stderr included in it
    expect(count(r.stdout, 'term-1   | term line')).toBe(1);
    expect(count(r.stdout, 'term-1   | term err')).toBe(1);
    expect(r.stdout).not.toContain('api err 1');
  });

  it('merges containers in timestamp order (-t shows the timestamps)', async () => {
    const r = await run('logs', '-t');
    const lines = (r.stdout + r.stderr).split('\n').filter(Boolean);
    expect(lines).toHaveLength(8);
    const stamps = r.stdout.split('\n').filter(Boolean).map((l) => /\| (\S+Z) /.exec(l)![1]!);
    expect([...stamps].sort()).toEqual(stamps);
    expect(r.stdout).toMatch(/^api-1 {4}\| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z api out 1$/m);
  });

  it('--tail, --no-log-prefix, --since and --until', async () => {
    const tail = await run('logs', '--tail', '1', 'api');
    expect(tail.stdout).toBe('api-1 | api out 2\n');
    expect(tail.stderr).toBe('');
    const bare = await run('logs', '--no-log-prefix', 'worker');
    expect(bare.stdout).toBe('worker out 1\nworker crlf\nworker split line\n');
    const future = await run('logs', '--since', '2099-01-01T00:00:00Z');
    expect(future.stdout).toBe('');
    const recent = await run('logs', '--since', '10m', 'api');
    expect(recent.stdout).toContain('api out 2');
    const before = await run('logs', '--until', '1h', 'api');
    expect(before.stdout + before.stderr).toBe('');
    const bad = await run('logs', '--since', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since');
  });

  it('-f follows a restarted container and a new replica, and ends when they are gone', async () => {
    const child = spawn(process.execPath, [CLI, '-p', project, 'logs', '-f', '--no-color', 'api'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    try {
      await eventually(() => out.includes('api out 2'));
      docker('restart', '-t', '1', `${project}-api-1`);
      await eventually(() => count(out, 'api-1 | api out 2') === 2);
      const scaled = await run('up', '-d', '--scale', 'api=2');
      expect(scaled.code, scaled.stderr).toBe(0);
      await eventually(() => out.includes('api-2 | api out 2'));
      expect(count(out, 'api-1 | api out 1')).toBe(2);
      expect(count(out, 'api-1 | api err 1')).toBe(2);
      docker('stop', '-t', '1', `${project}-api-1`, `${project}-api-2`);
      const code = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-2), 15_000))]);
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
