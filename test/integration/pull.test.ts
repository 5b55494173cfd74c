// Pull and push against a real registry (Debian's docker-registry on 127.0.0.1:5000, started by
// scripts/registry.sh): push, remove locally, pull/up fetch it with progress, pull_policy always
// re-pulls, unknown tags and unreachable registries fail clearly; `images` lists the project's.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, REPO, cleanupProject, docker, inspect, projectDir, removeRepository, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('pull');
const repo = `127.0.0.1:5000/${project}/app`;
let dir = '';

const rmi = (...refs: string[]): void => {
  for (const r of refs) {
    try {
      docker('rmi', '-f', r);
    } catch {
      // not there
    }
  }
};

beforeAll(() => {
  execFileSync('bash', [join(REPO, 'scripts/registry.sh')], { stdio: 'inherit' });
  dir = projectDir({
    'compose.yaml': [
      'services:',
      '  app:',
      `    image: ${repo}:1`,
      '    build: ./app',
      '    pull_policy: build',
      '',
    ].join('\n'),
    'run.yaml': [
      'services:',
      '  app:',
      `    image: ${repo}:1`,
      '    init: true',
      '    command: ["sleep", "3600"]',
      '',
    ].join('\n'),
    'app/Dockerfile': `FROM ${BUSYBOX}\nCOPY marker /marker\n`,
    'app/marker': `first ${project}`,
  });
});

afterAll(() => {
  cleanupProject(project);
  removeRepository(repo);
});

describe('registry', () => {
  it('push, then pull and up fetch the image with progress', async () => {
    const b = await tcompose(['-p', project, 'build', '-q', '--push'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    rmi(`${repo}:1`);
    const pull = await tcompose(['-p', project, '-f', 'run.yaml', '--progress', 'plain', 'pull'], { cwd: dir });
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toContain(`Image ${repo}:1  Pulling`);
    expect(pull.stderr).toMatch(/Downloading \d+% \(/);
    expect(pull.stderr).toMatch(new RegExp(`Image ${repo.replace(/\./g, '\\.')}:1  Pulled`));
    expect(docker('run', '--rm', `${repo}:1`, 'cat', '/marker')).toBe(`first ${project}`);

    rmi(`${repo}:1`);
    const up = await tcompose(['-p', project, '-f', 'run.yaml', '--progress', 'plain', 'up', '-d'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/Pulled/);
    expect(docker('exec', `${project}-app-1`, 'cat', '/marker')).toBe(`first ${project}`);

    // A second up with the image present pulls nothing; --quiet-pull hides progress.
    const again = await tcompose(['-p', project, '-f', 'run.yaml', '--progress', 'plain', 'up', '-d'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('Pulling');
  });

  it('pull_policy always re-pulls a tag that moved, and the container follows', async () => {
    writeFileSync(join(dir, 'app/marker'), `second ${project}`);
    const b = await tcompose(['-p', project, 'build', '-q', '--push'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    // The local tag is stale (another image), as on a machine that pulled before the push.
    docker('tag', BUSYBOX, `${repo}:1`);

    const stay = await tcompose(['-p', project, '-f', 'run.yaml', 'up', '-d'], { cwd: dir });
    expect(stay.code, stay.stderr).toBe(0);
    writeFileSync(join(dir, 'always.yaml'), `services:\n  app:\n    pull_policy: always\n`);
    const r = await tcompose(['-p', project, '-f', 'run.yaml', '-f', 'always.yaml', '--progress', 'plain', 'up', '-d'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Image ${repo}:1  Pulling`);
    expect(r.stderr).toMatch(/Container \S+-app-1\s+Recreated/);
    expect(docker('exec', `${project}-app-1`, 'cat', '/marker')).toBe(`second ${project}`);
    const c = inspect(`${project}-app-1`);
    expect(c.Config.Labels['com.docker.compose.image']).toBe(c.Image);
  });

  it('an unknown tag and an unreachable registry fail clearly; --ignore-pull-failures goes on', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      `services:\n  nope:\n    image: ${repo}:no-such-tag\n  far:\n    image: 127.0.0.1:5999/x/y:1\n  good:\n    image: ${repo}:1\n`,
    );
    const unknown = await tcompose(['-p', project, '-f', 'bad.yaml', 'pull', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`pulling ${repo}:no-such-tag: no such image or tag in registry 127.0.0.1:5000`);
    const far = await tcompose(['-p', project, '-f', 'bad.yaml', 'pull', 'far'], { cwd: dir });
    expect(far.code).toBe(1);
    expect(far.stderr).toContain('pulling 127.0.0.1:5999/x/y:1: registry 127.0.0.1:5999 is unreachable');
    const up = await tcompose(['-p', project, '-f', 'bad.yaml', 'up', '-d', 'nope'], { cwd: dir });
    expect(up.code).toBe(1);
    expect(up.stderr).toContain('no such image or tag');
    const tolerant = await tcompose(['-p', project, '-f', 'bad.yaml', '--progress', 'plain', 'pull', '--ignore-pull-failures'], { cwd: dir });
    expect(tolerant.code, tolerant.stderr).toBe(0);
    expect(tolerant.stderr).toMatch(/WARN pulling .*no-such-tag/);
    expect(tolerant.stderr).toMatch(/Image 127\.0\.0\.1:5000\S+:1  Pulled/);
  });

  it('images lists the images of the project\'s containers', async () => {
    const table = await tcompose(['-p', project, '-f', 'run.yaml', 'images'], { cwd: dir });
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^CONTAINER\s+REPOSITORY\s+TAG\s+IMAGE ID\s+SIZE$/);
    const id = inspect(`${project}-app-1`).Image.replace('sha256:', '').slice(0, 12);
    expect(lines[1]).toMatch(new RegExp(`^${project}-app-1\\s+${repo.replace(/\./g, '\\.')}\\s+1\\s+${id}\\s+\\d`));
    const json = JSON.parse((await tcompose(['-p', project, '-f', 'run.yaml', 'images', '--format', 'json'], { cwd: dir })).stdout);
    expect(json).toEqual([expect.objectContaining({ ContainerName: `${project}-app-1`, Repository: repo, Tag: '1', ID: inspect(`${project}-app-1`).Image })]);
    expect((await tcompose(['-p', project, '-f', 'run.yaml', 'images', '-q'], { cwd: dir })).stdout.trim()).toBe(id);
  });
});
