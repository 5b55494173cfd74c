// Ctrl-C in a terminal (tmux pseudo-terminal, listr2 progress) while `down` stops a slow
// container: tcompose's own handling wins (listr2 must not exit 127 under it), the stop is
// finished gracefully, the exit code is 130, and every progress line ends.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, cleanupProject, inspect, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('intr-tty');
const dir = projectDir({
  'compose.yaml': `services:
  slow:
    image: ${BUSYBOX}
    command: ["sh", "-c", "trap 'sleep 3; exit 0' TERM; while true; do sleep 0.2; done"]
    stop_grace_period: 20s
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on: [slow]
`,
});
afterAll(() => cleanupProject(project));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Ctrl-C in a terminal', () => {
  it('down: stops gracefully, exits 130, no progress line left open', async () => {
    const up = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const session = `${project}-tty`;
    const exitFile = join(dir, 'exit-code');
    const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `cd ${dir} && ${process.execPath} ${CLI} -p ${project} --progress tty down; echo $? > ${exitFile}; sleep 30`);
    try {
      // `slow` is being stopped (its TERM trap takes 3 s) once app is gone.
      for (let i = 0; i < 200 && !/slow-1 +Stopping/.test(tmux('capture-pane', '-p', '-t', session)); i++) await sleep(50);
      expect(tmux('capture-pane', '-p', '-t', session)).toMatch(/slow-1 +Stopping/);
      tmux('send-keys', '-t', session, 'C-c');
      for (let i = 0; i < 200 && !existsSync(exitFile); i++) await sleep(100);
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('130');
      // The stop in flight was finished, not abandoned: the container exited by its trap.
      const state = inspect(`${project}-slow-1`).State;
      expect(state.Running).toBe(false);
      expect(state.ExitCode).toBe(0);
      const screen = tmux('capture-pane', '-p', '-t', session);
      expect(screen).toMatch(/Gracefully stopping/);
      expect(screen).toMatch(/^interrupted$/m);
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  }, 90_000);
});
