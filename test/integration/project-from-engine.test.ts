// `-p NAME` without a compose file: ps, logs and down work from the engine's labels, like
// docker compose; commands that need the file still say it is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, projectDir, projectResources, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('nofile');
const withFile = projectDir({
  'compose.yaml': `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "echo db-line; exec sleep 3600"]
  web:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on: [db]
`,
});
const empty = projectDir({});

describe('-p NAME with no compose file', () => {
  beforeAll(async () => {
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: withFile });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => cleanupProject(project));

  it('ps lists the project from its labels', async () => {
    const r = await tcompose(['-p', project, 'ps', '--services'], { cwd: empty });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('db\nweb\n');
  });

  it('logs reads the containers of the project', async () => {
    const r = await tcompose(['-p', project, 'logs', 'db'], { cwd: empty });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^db-1\s+\| db-line$/m);
  });

  it('up still needs the file', async () => {
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: empty });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^no configuration file provided/);
  });

  it('down removes containers (dependents first) and the network', async () => {
    const r = await tcompose(['-p', project, 'down', '-t', '1', '--progress', 'plain'], { cwd: empty });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.indexOf(`${project}-web-1  Stopped`)).toBeLessThan(r.stderr.indexOf(`${project}-db-1  Stopped`));
    expect(projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
