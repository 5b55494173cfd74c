// `tcompose exec` against the real engine: exit codes, stdout/stderr kept apart, piped stdin,
// missing services, and an interactive shell under a real pseudo-terminal (tmux).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, cleanupProject, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('exec');
const dir = projectDir({
  'compose.yaml': `services:
  app:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
    environment:
      FROM_FILE: file
  idle:
    image: ${BUSYBOX}
    command: ["true"]
`,
});
const tc = (...args: string[]) => tcompose(['-p', project, ...args], { cwd: dir });

beforeAll(async () => {
  const r = await tc('up', '-d', 'app');
  expect(r.code, r.stderr).toBe(0);
}, 60_000);
afterAll(() => cleanupProject(project));

describe('tcompose exec', () => {
  it('returns the exit code of the command (0 and non-zero) and keeps stderr apart', async () => {
    const ok = await tc('exec', 'app', 'sh', '-c', 'echo out; echo err >&2');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('out\n');
    expect(ok.stderr).toBe('err\n');
    const bad = await tc('exec', 'app', 'sh', '-c', 'exit 3');
    expect(bad.code, bad.stderr).toBe(3);
  });

  it('pipes stdin to the command and ends it on EOF', async () => {
    const r = await tcompose(['-p', project, 'exec', '-T', 'app', 'cat'], { cwd: dir, input: 'hi\nthere\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('hi\nthere\n');
  });

  it('passes -e, -u, -w and options after the command to the command', async () => {
    const r = await tc('exec', '-e', 'GREETING=hello', '-u', '1234', '-w', '/tmp', 'app', 'sh', '-c', 'echo $GREETING $FROM_FILE $(id -u) $(pwd)');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('hello file 1234 /tmp\n');
    const ls = await tc('exec', 'app', 'ls', '-d', '/tmp');
    expect(ls.stdout).toBe('/tmp\n');
  });

  it('reports a command that cannot run with 126, like docker exec on this engine', async () => {
    const r = await tc('exec', 'app', 'no-such-command');
    expect(r.code).toBe(126);
    expect(r.stdout + r.stderr).toMatch(/executable file not found/);
  });

  it('fails clearly for an unknown service and for one that is not running', async () => {
    const unknown = await tc('exec', 'nope', 'true');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('no such service: nope\n');
    const down = await tc('exec', 'idle', 'true');
    expect(down.code).toBe(1);
    expect(down.stderr).toBe('service "idle" is not running\n');
  });

  it('runs -d in the background', async () => {
    const r = await tc('exec', '-d', 'app', 'sh', '-c', 'echo done > /tmp/detached');
    expect(r.code).toBe(0);
    for (let i = 0; i < 50; i++) {
      const check = await tc('exec', 'app', 'cat', '/tmp/detached');
      if (check.code === 0) return expect(check.stdout).toBe('done\n');
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('the detached command never ran');
  });

  it('gives an interactive shell a TTY of the terminal size under a pseudo-terminal', async () => {
    const session = `${project}-tty`;
    const exitFile = join(dir, 'exit-code');
    const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `cd ${dir} && ${process.execPath} ${CLI} -p ${project} exec app sh; echo $? > ${exitFile}; sleep 30`);
    try {
      const screen = async (want: RegExp): Promise<string> => {
        for (let i = 0; i < 100; i++) {
          const text = tmux('capture-pane', '-p', '-t', session);
          if (want.test(text)) return text;
          await new Promise((res) => setTimeout(res, 100));
        }
        return tmux('capture-pane', '-p', '-t', session);
      };
      expect(await screen(/^\/ #/m)).toMatch(/^\/ #/m);
      tmux('send-keys', '-t', session, 'echo $((6*7)); stty size; tty', 'Enter');
      const text = await screen(/^\/dev\/pts\/\d+$/m);
      expect(text).toMatch(/^42$/m);
      expect(text).toMatch(/^30 100$/m);
      expect(text).toMatch(/^\/dev\/pts\/\d+$/m);
      tmux('send-keys', '-t', session, 'exit 5', 'Enter');
      for (let i = 0; i < 100 && !existsSync(exitFile); i++) await new Promise((res) => setTimeout(res, 100));
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('5');
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  }, 60_000);
});
