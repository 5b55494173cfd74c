// up --watch (attached) against the real engine, through the built CLI: initial_sync,
// sync+exec, and a rebuild whose new container's output is still followed; Ctrl-C then stops
// the containers as attached up does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BackgroundCli, BUSYBOX, catIn, cleanupProject, docker, eventually as waitUntil, inspect, projectDir, startCli, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('watchup');
const image = `tc-watch/${project}:dev`;
const dir = projectDir({
  'compose.yaml': `services:
  app:
    build: .
    image: ${image}
    command: ["sh", "-c", "echo started $$(cat /version); exec sleep 3600"]
    init: true
    develop:
      watch:
        - action: sync+exec
          path: ./hooks
          target: /hooks
          initial_sync: true
          exec:
            command: sh -c "cat /hooks/value > /hooks/applied"
        - action: rebuild
          path: ./Dockerfile
`,
  Dockerfile: `FROM ${BUSYBOX}\nRUN echo v1 > /version\n`,
  'hooks/value': 'first\n',
});
const container = `${project}-app-1`;

const eventually = (check: () => boolean, timeoutMs?: number): Promise<void> => waitUntil(check, timeoutMs, () => `stdout: ${out()}\nstderr: ${err()}`);

const cat = (path: string): string | undefined => catIn(container, path);

let cli: BackgroundCli | undefined;
const out = (): string => cli?.out() ?? '';
const err = (): string => cli?.err() ?? '';

beforeAll(async () => {
  cli = startCli(['-p', project, 'up', '--watch'], { cwd: dir });
  await eventually(() => out().includes('Watch enabled') && out().includes('started v1'), 90_000);
}, 120_000);

afterAll(() => {
  if (cli && cli.child.exitCode === null) cli.child.kill('SIGKILL');
  cleanupProject(project);
  try {
    docker('rmi', '-f', image);
  } catch {
    /* already gone */
  }
});

describe('tcompose up --watch', () => {
  it('initial_sync copies the watched files in at the start', () => {
    expect(cat('/hooks/value')).toBe('first');
  });

  it('sync+exec syncs, then runs exec.command in the container', async () => {
    writeFileSync(join(dir, 'hooks/value'), 'second\n');
    await eventually(() => cat('/hooks/applied') === 'second');
    // cat() blocks the event loop: let the child's output arrive before looking at it.
    await eventually(() => /Syncing service app after 1 change was detected/.test(out()));
  }, 30_000);

  it('a rebuild recreates the container and its output is still followed', async () => {
    const before = inspect(container).Id as string;
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX}\nRUN echo v2 > /version\n`);
    await eventually(() => out().includes('started v2'), 60_000);
    expect(inspect(container).Id).not.toBe(before);
    expect(cli!.child.exitCode).toBeNull();
  }, 90_000);

  it('Ctrl-C stops the containers, as attached up does', async () => {
    const exited = new Promise<void>((resolve) => cli!.child.on('exit', () => resolve()));
    cli!.child.kill('SIGINT');
    await exited;
    expect(out()).toContain('Watch disabled');
    expect(inspect(container).State.Running).toBe(false);
  }, 30_000);
});
