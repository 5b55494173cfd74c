// Attached `up` against the real engine: exit lines, --exit-code-from (0, non-zero, and the
// target stopped by the abort cascade), --abort-on-container-exit stopping the rest.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const projects: string[] = [];
afterAll(() => projects.forEach(cleanupProject));

/** A project where `api` exits with `code` after a second; `db` and `side` run until stopped. */
function setup(code: number): { dir: string; project: string } {
  const project = uniqueProject('attach');
  projects.push(project);
  const dir = projectDir({
    'compose.yaml': `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "echo db ready; sleep 300"]
  api:
    image: ${BUSYBOX}
    depends_on: [db]
    command: ["sh", "-c", "echo api working; echo api err >&2; sleep 1; exit ${code}"]
  side:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "echo side up; sleep 300"]
  once:
    image: ${BUSYBOX}
    profiles: [once]
    command: ["sh", "-c", "echo once done"]
`,
  });
  return { dir, project };
}

const states = (project: string): string[] =>
  docker('ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}} {{.State}}').split('\n').sort();

describe('attached up', () => {
  it('--exit-code-from returns the non-zero code of the service and --abort-on-container-exit stops the rest', async () => {
    const { dir, project } = setup(3);
    const r = await tcompose(['-p', project, 'up', '--exit-code-from', 'api'], { cwd: dir });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^api-1 +\| api working$/m);
    expect(r.stderr).toMatch(/^api-1 +\| api err$/m);
    expect(r.stdout).toMatch(/^db-1 +\| db ready$/m);
    expect(r.stdout).toContain('api-1 exited with code 3\n');
    expect(r.stderr).toContain('Aborting on container exit...');
    expect(states(project)).toEqual([`${project}-api-1 exited`, `${project}-db-1 exited`, `${project}-side-1 exited`]);
  });

  it('--exit-code-from returns 0 when the service succeeds', async () => {
    const { dir, project } = setup(0);
    const r = await tcompose(['-p', project, 'up', '--exit-code-from', 'api'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('api-1 exited with code 0\n');
  });

  it('--exit-code-from a service stopped by the abort cascade returns its real code (SIGTERM: 143)', async () => {
    const { dir, project } = setup(3);
    const r = await tcompose(['-p', project, 'up', '--exit-code-from', 'side'], { cwd: dir });
    expect(r.stdout).toContain('api-1 exited with code 3\n');
    expect(r.stdout).toContain('side-1 exited with code 143\n');
    expect(r.code, r.stderr).toBe(143);
  });

  it('--abort-on-container-exit returns the code of the first exit; --abort-on-container-failure ignores a clean exit', async () => {
    const { dir, project } = setup(4);
    const r = await tcompose(['-p', project, 'up', '--abort-on-container-exit', '--no-attach', 'db'], { cwd: dir });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stdout).not.toContain('db ready');
    expect(states(project).every((s) => s.endsWith(' exited'))).toBe(true);
    const ok = setup(0);
    const failure = await tcompose(['-p', ok.project, 'up', '--abort-on-container-failure', 'api'], { cwd: ok.dir });
    // api is the only monitored service: its clean exit ends the run without an abort.
    expect(failure.code, failure.stderr).toBe(0);
    expect(failure.stderr).not.toContain('Aborting');
    expect(states(ok.project)).toContain(`${ok.project}-db-1 running`);
  });

  it('returns when every attached container has exited, with their output', async () => {
    const { dir, project } = setup(0);
    const r = await tcompose(['-p', project, '--profile', 'once', 'up', 'once', 'api', '--no-deps'], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^once-1 +\| once done$/m);
    expect(r.stdout).toContain('once-1 exited with code 0\n');
    expect(r.stdout).toContain('api-1 exited with code 0\n');
  });

  it('rejects abort flags with -d', async () => {
    const { dir, project } = setup(0);
    const r = await tcompose(['-p', project, 'up', '-d', '--abort-on-container-exit'], { cwd: dir });
    expect(r.code).toBe(2);
  });
});
