// Building images through the engine: .dockerignore, build args, rebuild on change with
// `up --build`, nothing recreated when unchanged, a failing RUN shown with its step and output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, dockerLines, inspect, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const projects: string[] = [];
afterAll(() => {
  for (const p of projects) {
    cleanupProject(p);
    const images = dockerLines('images', '--filter', `label=com.docker.compose.project=${p}`, '--format', '{{.ID}}');
    if (images.length) {
      try {
        docker('rmi', '-f', ...new Set(images));
      } catch {
        // shared layers or already gone
      }
    }
  }
});
const fresh = (topic: string): string => {
  const p = uniqueProject(topic);
  projects.push(p);
  return p;
};

const dockerfile = `FROM ${BUSYBOX}\nARG GREETING=unset\nRUN echo "$GREETING" > /greeting\nCOPY . /app\nCMD ["sleep", "3600"]\n`;

describe('build', () => {
  it('honours .dockerignore, passes build args, tags image: and records the image ID on the container', async () => {
    const project = fresh('build');
    const dir = projectDir({
      'compose.yaml': [
        'services:',
        '  app:',
        `    image: ${project}/custom:1`,
        '    init: true',
        '    build:',
        '      context: ./app',
        '      args:',
        '        GREETING: hello-${WHO}',
        '  plain:',
        '    build: ./app',
        '    init: true',
        '',
      ].join('\n'),
      '.env': 'WHO=tcompose\n',
      'app/Dockerfile': dockerfile,
      'app/.dockerignore': 'secret.txt\nlogs\n',
      'app/secret.txt': 'do not ship',
      'app/logs/x.log': 'x',
      'app/keep.txt': 'kept',
    });
    const r = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d', '--pull', 'never'], { cwd: dir });
    expect(r.stderr).toContain('Step 1/');
    expect(r.code, r.stderr).toBe(0);
    // image + build: the result carries the image name; build alone: <project>-<service>.
    const ls = docker('run', '--rm', `${project}/custom:1`, 'ls', '-a', '/app').split('\n').sort();
    expect(ls).toEqual(['.', '..', '.dockerignore', 'Dockerfile', 'keep.txt']);
    expect(docker('run', '--rm', `${project}/custom:1`, 'cat', '/greeting')).toBe('hello-tcompose');
    expect(docker('run', '--rm', `${project}-plain`, 'cat', '/greeting')).toBe('unset');
    const c = inspect(`${project}-app-1`);
    expect(c.Config.Labels['com.docker.compose.image']).toBe(c.Image);
    expect(inspect(`${project}/custom:1`).Config.Labels['com.docker.compose.service']).toBe('app');
    // --build-arg on the command line wins.
    const b = await tcompose(['-p', project, 'build', '-q', '--build-arg', 'GREETING=from-cli', 'plain'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    expect(docker('run', '--rm', `${project}-plain`, 'cat', '/greeting')).toBe('from-cli');
  });

  it('up --build: a changed context rebuilds and recreates; an unchanged one recreates nothing', async () => {
    const project = fresh('rebuild');
    const dir = projectDir({
      'compose.yaml': `services:\n  app:\n    build: ./app\n    init: true\n  other:\n    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n`,
      'app/Dockerfile': dockerfile,
      'app/data.txt': 'one',
    });
    const first = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const before = inspect(`${project}-app-1`);
    const other = inspect(`${project}-other-1`).Id;

    const same = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d', '--build'], { cwd: dir });
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).not.toMatch(/Container \S+\s+Recreat/);
    expect(inspect(`${project}-app-1`).Id).toBe(before.Id);

    writeFileSync(join(dir, 'app/data.txt'), 'two');
    const changed = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d', '--build'], { cwd: dir });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).toMatch(/Container \S+-app-1\s+Recreated/);
    const after = inspect(`${project}-app-1`);
    expect(after.Id).not.toBe(before.Id);
    expect(after.Image).not.toBe(before.Image);
    expect(after.Config.Labels['com.docker.compose.image']).toBe(after.Image);
    expect(docker('exec', `${project}-app-1`, 'cat', '/app/data.txt')).toBe('two');
    expect(inspect(`${project}-other-1`).Id).toBe(other);
  });

  it('a failing RUN: non-zero exit, the step and its output in the message, other services untouched', async () => {
    const project = fresh('buildfail');
    const compose = (bad: boolean): string =>
      `services:\n  ok:\n    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n` +
      (bad ? `  bad:\n    build: ./bad\n    init: true\n` : '');
    const dir = projectDir({
      'compose.yaml': compose(false),
      'bad/Dockerfile': `FROM ${BUSYBOX}\nRUN echo step-output-here && echo on-stderr >&2 && exit 7\n`,
    });
    expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
    const ok = inspect(`${project}-ok-1`);
    writeFileSync(join(dir, 'compose.yaml'), compose(true));
    const r = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`building ${project}-bad (service bad) failed at Step 2/`);
    expect(r.stderr).toContain('RUN echo step-output-here');
    expect(r.stderr).toContain('returned a non-zero code: 7');
    expect(r.stderr).toMatch(/\| step-output-here/);
    expect(r.stderr).toMatch(/\| on-stderr/);
    expect(r.stderr).not.toMatch(/\x1b\[/);
    const after = inspect(`${project}-ok-1`);
    expect(after.Id).toBe(ok.Id);
    expect(after.State.StartedAt).toBe(ok.State.StartedAt);
  });

  it('BuildKit-only syntax and options fail clearly', async () => {
    const project = fresh('buildkit');
    const dir = projectDir({
      'compose.yaml': `services:\n  mnt:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM ${BUSYBOX}\n        RUN --mount=type=cache,target=/c true\n  ssh:\n    build:\n      context: .\n      ssh: [default]\n`,
    });
    const r = await tcompose(['-p', project, 'build', 'mnt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the --mount option requires BuildKit');
    expect(r.stderr).toContain('classic builder (no BuildKit)');
    const s = await tcompose(['-p', project, 'build', 'ssh'], { cwd: dir });
    expect(s.code).toBe(3);
    expect(s.stderr).toContain('service ssh: build.ssh needs BuildKit');
  });

  it('build.ulimits reach the RUN steps', async () => {
    const project = fresh('ulimits');
    const image = `${project}/limits:1`;
    const dir = projectDir({
      'compose.yaml': `services:\n  limits:\n    image: ${image}\n    build:\n      context: .\n      ulimits: {nofile: {soft: 1234, hard: 2345}}\n      dockerfile_inline: |\n        FROM ${BUSYBOX}\n        RUN echo "$(ulimit -Sn) $(ulimit -Hn)" > /limits\n`,
    });
    const r = await tcompose(['-p', project, 'build', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(docker('run', '--rm', image, 'cat', '/limits')).toBe('1234 2345');
  });

  it('a Dockerfile outside the context and an inline one; one build for services sharing an image', async () => {
    const project = fresh('dockerfile');
    const dir = projectDir({
      'compose.yaml': [
        'services:',
        '  outside:',
        '    build: {context: ./ctx, dockerfile: ../df/Dockerfile.out}',
        '  inline:',
        `    build: {context: ./ctx, dockerfile_inline: "FROM ${BUSYBOX}\\nCOPY a.txt /inline.txt\\n"}`,
        '  one:',
        `    image: ${project}/shared`,
        '    build: {context: ./ctx, dockerfile: ../df/Dockerfile.out}',
        '  two:',
        `    image: ${project}/shared`,
        '    build: {context: ./ctx, dockerfile: ../df/Dockerfile.out}',
        '',
      ].join('\n'),
      'ctx/a.txt': 'from-context',
      'df/Dockerfile.out': `FROM ${BUSYBOX}\nCOPY a.txt /out.txt\n`,
    });
    const r = await tcompose(['-p', project, '--progress', 'plain', 'build'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(docker('run', '--rm', `${project}-outside`, 'cat', '/out.txt')).toBe('from-context');
    expect(docker('run', '--rm', `${project}-inline`, 'cat', '/inline.txt')).toBe('from-context');
    expect(r.stderr.match(new RegExp(`Image ${project}/shared\\s+Built`, 'g'))).toHaveLength(1);
  });
});
