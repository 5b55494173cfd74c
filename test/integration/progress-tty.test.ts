// Progress in a terminal (listr2, under a pseudo-terminal from `script`): one line per resource
// that ends in its final state; and the plain renderer when output is not a terminal.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, CLI, cleanupProject, projectDir, run, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('tty');
const dir = projectDir({
  'compose.yaml': `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
  web:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on: [db]
`,
});
afterAll(() => cleanupProject(project));

/** The final screen lines of a listr2 run: what is left after the last redraw. */
const finalLines = (raw: string): string[] => {
  const text = raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '\u0000');
  const last = text.split('\u0000').filter((chunk) => chunk.includes('Container')).pop() ?? '';
  return last.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
};

describe('progress rendering', () => {
  it('a terminal gets one line per resource, in its final state', async () => {
    const r = await run('script', ['-qec', `stty cols 120 rows 40; ${process.execPath} ${CLI} -p ${project} up -d`, '/dev/null'], { cwd: dir, env: { CI: undefined } });
    expect(r.code, r.stdout).toBe(0);
    const lines = r.stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    for (const name of [`Network ${project}_default  Created`, `Container ${project}-db-1  Started`, `Container ${project}-web-1  Started`]) {
      expect(lines).toContain(name);
    }
    // Created and Started are states of one line, not two lines.
    expect(finalLines(r.stdout).filter((l) => l.includes(`${project}-db-1`))).toHaveLength(1);
  });

  it('a pipe gets plain lines, one per state change', async () => {
    const r = await tcompose(['-p', project, 'up', '-d', '--force-recreate', 'web'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^ Container ${project}-web-1  Recreating$`, 'm'));
    expect(r.stderr).toMatch(new RegExp(`^ Container ${project}-web-1  Started \\d+\\.\\ds$`, 'm'));
    expect(r.stderr).not.toMatch(/\u001b\[/);
  });
});
