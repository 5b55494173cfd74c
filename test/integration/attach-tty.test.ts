// Attached `up` in a terminal (tmux pseudo-terminal, --progress tty): once logs stream, the
// stop after Ctrl-C is printed as plain lines, never as listr2 redraws (cursor moves) that
// would overwrite the log lines arriving at the same time.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, CLI, cleanupProject, projectDir, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('attach-tty');
const dir = projectDir({
  'compose.yaml': `services:
  a:
    image: ${BUSYBOX}
    command: ["sh", "-c", "trap 'echo bye; exit 0' TERM; i=0; while true; do i=$$((i+1)); echo tick $$i; sleep 0.2; done"]
  b:
    image: ${BUSYBOX}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo b; sleep 0.3; done"]
`,
});

afterAll(() => cleanupProject(project));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('attached up in a terminal', () => {
  it('prints the Ctrl-C stop as lines while logs stream', async () => {
    const session = `${project}-tty`;
    const raw = join(dir, 'raw.log');
    const exitFile = join(dir, 'exit-code');
    const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `cd ${dir} && ${process.execPath} ${CLI} -p ${project} --progress tty up; echo $? > ${exitFile}; sleep 30`);
    try {
      tmux('pipe-pane', '-o', '-t', session, `cat >> ${raw}`);
      // Logs are streaming once a few ticks of a are on the screen.
      for (let i = 0; i < 150 && !/tick 3\b/.test(tmux('capture-pane', '-p', '-t', session)); i++) await sleep(100);
      expect(tmux('capture-pane', '-p', '-t', session)).toMatch(/tick 3\b/);
      tmux('send-keys', '-t', session, 'C-c');
      for (let i = 0; i < 300 && !existsSync(exitFile); i++) await sleep(100);
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('130');
      const text = readFileSync(raw, 'utf8');
      const after = text.slice(text.indexOf('Gracefully stopping'));
      expect(after.length).toBeGreaterThan('Gracefully stopping'.length);
      // Each container's stop is a line of its own, the log lines of the stop too.
      // eslint-disable-next-line no-control-regex
      const plainText = after.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      for (const s of ['a', 'b']) {
        expect(plainText).toMatch(new RegExp(`^ Container ${project}-${s}-1 {2}Stopping\\r?$`, 'm'));
        expect(plainText).toMatch(new RegExp(`^ Container ${project}-${s}-1 {2}Stopped .*$`, 'm'));
      }
      expect(plainText).toMatch(/^a-1 \| bye\r?$/m);
      // No cursor movement or line erasing after the Ctrl-C.
      // eslint-disable-next-line no-control-regex
      expect(after.match(/\x1b\[\d*[ABFGK]/g) ?? []).toEqual([]);
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  }, 90_000);
});
