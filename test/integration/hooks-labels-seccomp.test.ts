// post_start / pre_stop hooks, label_file and seccomp profile files on the real engine,
// through the built CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, inspect, projectDir, startCli, tcompose, uniqueProject } from '../helpers/engine.js';

const sleeper = `    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n`;

describe('lifecycle hooks', () => {
  const projects: string[] = [];
  const fresh = (topic: string): string => {
    const p = uniqueProject(topic);
    projects.push(p);
    return p;
  };
  afterAll(() => {
    for (const p of projects) cleanupProject(p);
  });

  it('post_start runs in the container right after the start', async () => {
    const project = fresh('poststart');
    const dir = projectDir({
      'compose.yaml': `services:\n  app:\n${sleeper}    post_start:\n      - command: sh -c 'echo "$$WHO was here" > /tmp/hooked'\n        environment: {WHO: hook}\n`,
    });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(docker('exec', `${project}-app-1`, 'cat', '/tmp/hooked')).toBe('hook was here');
  });

  it('a failing post_start fails up with the hook, its status and its output', async () => {
    const project = fresh('poststartfail');
    const dir = projectDir({
      'compose.yaml': `services:\n  app:\n${sleeper}    post_start:\n      - command: ["sh", "-c", "echo no-such-thing >&2; exit 7"]\n`,
    });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('service app: post_start hook `sh -c "echo no-such-thing >&2; exit 7"`');
    expect(r.stderr).toContain('exited with status 7');
    expect(r.stderr).toContain('no-such-thing');
  });

  it('Ctrl-C while a post_start hook runs ends up with 130 at once', async () => {
    const project = fresh('hookintr');
    const dir = projectDir({ 'compose.yaml': `services:\n  app:\n${sleeper}    post_start:\n      - command: sleep 1000\n` });
    const { child, exited, err } = startCli(['-p', project, '--progress', 'plain', 'up', '-d'], { cwd: dir });
    try {
      const running = (): boolean => docker('ps', '--filter', `name=^${project}-app-1$`, '--format', '{{.State}}') === 'running';
      const deadline = Date.now() + 30_000;
      while (!running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(running()).toBe(true);
      await new Promise((r) => setTimeout(r, 1000)); // the hook runs by now
      const t0 = Date.now();
      child.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 5000))]);
      expect(code, err()).toBe(130);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(err()).not.toMatch(/post_start hook .* exited/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('pre_stop runs before down stops the container', async () => {
    const project = fresh('prestop');
    const dir = projectDir({
      'compose.yaml': `services:\n  app:\n${sleeper}    volumes: [data:/data]\n    pre_stop:\n      - command: sh -c 'echo stopped-cleanly > /data/bye'\nvolumes:\n  data: {}\n`,
    });
    const up = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(up.code, up.stderr).toBe(0);
    const dry = await tcompose(['-p', project, 'down', '--dry-run'], { cwd: dir });
    expect(dry.stdout + dry.stderr).toContain("[pre_stop: sh -c \"echo stopped-cleanly > /data/bye\"]");
    const down = await tcompose(['-p', project, 'down'], { cwd: dir });
    expect(down.code, down.stderr).toBe(0);
    expect(docker('run', '--rm', '-v', `${project}_data:/data`, BUSYBOX, 'cat', '/data/bye')).toBe('stopped-cleanly');
    docker('volume', 'rm', `${project}_data`);
  });
});

describe('label_file and seccomp profile files', () => {
  const project = uniqueProject('labelfile');
  afterAll(() => cleanupProject(project));

  it('labels from files under labels:, the seccomp profile sent as JSON', async () => {
    const profile = { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }] };
    const dir = projectDir({
      'labels/base.labels': '# team labels\ncom.example.team=core\ncom.example.tier=backend\n',
      'extra.labels': 'com.example.tier=from-file\n',
      'profiles/strict.json': JSON.stringify(profile, null, 2),
      'compose.yaml': `services:\n  app:\n${sleeper}    label_file: [./labels/base.labels, extra.labels]\n    labels: {com.example.tier: from-yaml}\n    security_opt: [seccomp=./profiles/strict.json, no-new-privileges:true]\n`,
    });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const c = inspect(`${project}-app-1`);
    expect(c.Config.Labels['com.example.team']).toBe('core');
    expect(c.Config.Labels['com.example.tier']).toBe('from-yaml');
    const seccomp = (c.HostConfig.SecurityOpt as string[]).find((o) => o.startsWith('seccomp='))!;
    expect(JSON.parse(seccomp.slice('seccomp='.length))).toEqual(profile);
    expect(c.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    // The profile is in force: mkdir is refused, other calls work.
    expect(() => docker('exec', `${project}-app-1`, 'mkdir', '/tmp/x')).toThrow();
    expect(docker('exec', `${project}-app-1`, 'echo', 'ok')).toBe('ok');
  });
});

describe('run checks its one-off like up checks its services', () => {
  const project = uniqueProject('runcaps');
  afterAll(() => cleanupProject(project));

  it('a setting the engine cannot honour fails before dependencies start or anything is created', async () => {
    const dir = projectDir({
      'compose.yaml': `services:\n  dep:\n${sleeper}  app:\n${sleeper}    depends_on: [dep]\n    credential_spec: {file: spec.json}\n`,
    });
    const r = await tcompose(['-p', project, 'run', '--rm', 'app', 'true'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('service app: credential_spec cannot be honoured: it applies to Windows containers only');
    expect(docker('ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}')).toBe('');
  });
});
