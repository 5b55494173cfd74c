// tcompose watch / up --watch against the real engine, through the built CLI: sync (new,
// nested and deleted files), ignore, sync+restart, rebuild; Ctrl-C leaves the containers up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BackgroundCli, BUSYBOX, catIn, cleanupProject, docker, eventually, inspect, projectDir, startCli, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('watch');
const image = `tc-watch/${project}:dev`;
const dir = projectDir({
  'compose.yaml': `services:
  web:
    build: .
    image: ${image}
    command: ["sleep", "3600"]
    init: true
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app/src
          ignore: ["*.tmp", "cache/"]
        - action: rebuild
          path: ./Dockerfile
        - action: sync+restart
          path: ./conf
          target: /etc/conf
  plain:
    image: ${BUSYBOX}
    command: ["sleep", "3600"]
    init: true
  owned:
    image: ${BUSYBOX}
    user: "4321:8765"
    command: ["sleep", "3600"]
    init: true
    develop:
      watch:
        - action: sync
          path: ./owned
          target: /tmp/owned
`,
  Dockerfile: `FROM ${BUSYBOX}\nRUN echo one > /version\n`,
  'src/.keep': '',
  'conf/app.conf': 'a=1\n',
  'owned/.keep': '',
});
const container = `${project}-web-1`;

/** Polls until `check` returns true (or throws its last error after the timeout). */

const cat = (path: string): string | undefined => catIn(container, path);

let cli: BackgroundCli | undefined;
const out = (): string => cli?.out() ?? '';
const err = (): string => cli?.err() ?? '';

beforeAll(async () => {
  cli = startCli(['-p', project, 'watch'], { cwd: dir });
  await eventually(() => out().includes('Watch enabled'), 90_000).catch((e) => {
    throw new Error(`${(e as Error).message}\nstdout: ${out()}\nstderr: ${err()}`);
  });
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

describe('tcompose watch', () => {
  it('converged first: the service runs from its built image', () => {
    expect(inspect(container).State.Running).toBe(true);
    expect(cat('/version')).toBe('one');
  });

  it('sync copies new and nested files into the container and removes deleted ones', async () => {
    writeFileSync(join(dir, 'src/hello.txt'), 'hello\n');
    mkdirSync(join(dir, 'src/deep/er'), { recursive: true });
    writeFileSync(join(dir, 'src/deep/er/nested.txt'), 'nested\n');
    await eventually(() => cat('/app/src/hello.txt') === 'hello' && cat('/app/src/deep/er/nested.txt') === 'nested');
    // The line is printed once the copy is done: the files may be there a moment before it.
    await eventually(() => /Syncing service web after \d+ changes? (were|was) detected/.test(out()));

    writeFileSync(join(dir, 'src/hello.txt'), 'changed\n');
    await eventually(() => cat('/app/src/hello.txt') === 'changed');

    rmSync(join(dir, 'src/hello.txt'));
    rmSync(join(dir, 'src/deep'), { recursive: true });
    await eventually(() => cat('/app/src/hello.txt') === undefined && cat('/app/src/deep/er/nested.txt') === undefined);
  }, 40_000);

  it('synced files belong to the container user, as docker compose unpacks them; a root container keeps the host owner', async () => {
    writeFileSync(join(dir, 'owned/mine.txt'), 'mine\n');
    const ownerIn = (c: string, path: string): string | undefined => {
      try {
        return docker('exec', c, 'stat', '-c', '%u:%g', path);
      } catch {
        return undefined;
      }
    };
    await eventually(() => ownerIn(`${project}-owned-1`, '/tmp/owned/mine.txt') !== undefined);
    expect(ownerIn(`${project}-owned-1`, '/tmp/owned/mine.txt')).toBe('4321:8765');
    writeFileSync(join(dir, 'src/theirs.txt'), 'theirs\n');
    chownSync(join(dir, 'src/theirs.txt'), 1234, 2345);
    await eventually(() => ownerIn(container, '/app/src/theirs.txt') === '1234:2345');
  }, 40_000);

  it('ignored paths are not synced', async () => {
    writeFileSync(join(dir, 'src/scratch.tmp'), 'tmp\n');
    mkdirSync(join(dir, 'src/cache'), { recursive: true });
    writeFileSync(join(dir, 'src/cache/c.txt'), 'c\n');
    // A file that is synced, written after the ignored ones: once it is there, they would be too.
    writeFileSync(join(dir, 'src/marker.txt'), 'm\n');
    await eventually(() => cat('/app/src/marker.txt') === 'm');
    await new Promise((r) => setTimeout(r, 800));
    expect(cat('/app/src/scratch.tmp')).toBeUndefined();
    expect(cat('/app/src/cache/c.txt')).toBeUndefined();
  }, 30_000);

  it('sync+restart syncs, then restarts the container', async () => {
    const before = inspect(container).State.StartedAt as string;
    writeFileSync(join(dir, 'conf/app.conf'), 'a=2\n');
    await eventually(() => inspect(container).State.StartedAt !== before && cat('/etc/conf/app.conf') === 'a=2');
    expect(inspect(container).State.Running).toBe(true);
    await eventually(() => /Restarting service web after 1 change was detected/.test(out()));
  }, 30_000);

  it('rebuild on a Dockerfile change: a new image and a recreated container', async () => {
    const before = inspect(container);
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX}\nRUN echo two > /version\n`);
    await eventually(() => cat('/version') === 'two', 60_000);
    const after = inspect(container);
    expect(after.Image).not.toBe(before.Image);
    expect(after.Id).not.toBe(before.Id);
    await eventually(() => /Rebuilding service web after 1 change was detected/.test(out()));
    // --prune (the default): the replaced image, dangling now, is removed after the recreate.
    const gone = (): boolean => {
      try {
        docker('image', 'inspect', before.Image as string);
        return false;
      } catch {
        return true;
      }
    };
    await eventually(gone, 30_000);
  }, 90_000);

  it('Ctrl-C stops watching and leaves the containers running', async () => {
    const exited = new Promise<number | null>((resolve) => cli!.child.on('exit', (code) => resolve(code)));
    cli!.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out()).toContain('Watch disabled');
    expect(inspect(container).State.Running).toBe(true);
    expect(inspect(`${project}-plain-1`).State.Running).toBe(true);
  }, 30_000);
});

describe('tcompose watch refuses what it cannot watch', () => {
  it('names a service without develop.watch', async () => {
    const r = await tcompose(['-p', project, 'watch', '--no-up', 'plain'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/service "plain" has no develop.watch/);
  });

  it('says so when no service has develop.watch', async () => {
    const none = projectDir({ 'compose.yaml': `services:\n  a:\n    image: ${BUSYBOX}\n` });
    const r = await tcompose(['-p', uniqueProject('watchnone'), 'watch'], { cwd: none });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/none of the selected services is configured for watch/);
  });
});
