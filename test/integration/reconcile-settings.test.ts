// What the engine actually got for the trickier container settings, and the reconciler's
// edge cases: secret content changes, network recreation with services not in the run,
// completed one-shots, crash loops, settings the engine's API cannot honour.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, catIn, cleanupProject, docker, inspect, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const sleeper = `    image: ${BUSYBOX}\n    init: true\n    command: ["sleep", "3600"]\n`;

describe('container settings as the engine sees them', () => {
  const project = uniqueProject('settings');
  const dir = projectDir({
    'token.txt': 'from-file',
    'compose.yaml': `
services:
  app:
${sleeper}    ports: ["127.0.0.1:19300-19301:9300-9301", "127.0.0.1::9400/udp"]
    volumes: [{type: tmpfs, target: /scratch, tmpfs: {size: 2m, mode: 0o1770}}]
    ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 500}
    sysctls: {net.core.somaxconn: 511}
    extra_hosts: {db.example: 10.1.2.3}
    healthcheck: {test: ["CMD", "true"], interval: 1m30s, timeout: 2s, retries: 2, start_period: 500ms}
    logging: {driver: json-file, options: {max-size: 1m, max-file: 2}}
    mem_limit: 64m
    mem_reservation: 32m
    cpus: 0.5
    cpu_shares: 256
    pids_limit: 64
    cgroup: private
    secrets: [{source: env_secret, target: tok, mode: 0o400, uid: "7"}, file_secret]
secrets:
  env_secret: {environment: TOKEN}
  file_secret: {file: ./token.txt}
`,
  });
  afterAll(() => cleanupProject(project));

  it('ports with host IP and ranges, tmpfs size/mode, ulimits, sysctls, extra_hosts, healthcheck, logging, limits, secrets', async () => {
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir, env: { TOKEN: 'abc' } });
    expect(r.code, r.stderr).toBe(0);
    const c = inspect(`${project}-app-1`);
    const h = c.HostConfig;
    expect(h.PortBindings).toEqual({
      '9300/tcp': [{ HostIp: '127.0.0.1', HostPort: '19300' }],
      '9301/tcp': [{ HostIp: '127.0.0.1', HostPort: '19301' }],
      '9400/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
    expect(c.NetworkSettings.Ports['9300/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '19300' }]);
    expect(c.NetworkSettings.Ports['9400/udp'][0].HostPort).toMatch(/^\d+$/);
    const tmpfs = (h.Mounts as { Target: string; TmpfsOptions?: unknown }[]).find((m) => m.Target === '/scratch');
    expect(tmpfs?.TmpfsOptions).toEqual({ SizeBytes: 2 * 2 ** 20, Mode: 0o1770 });
    expect(docker('exec', `${project}-app-1`, 'stat', '-c', '%a', '/scratch')).toBe('1770');
    expect(h.Ulimits).toEqual(expect.arrayContaining([{ Name: 'nofile', Soft: 1024, Hard: 2048 }, { Name: 'nproc', Soft: 500, Hard: 500 }]));
    // The container's own process (PID 1) carries the limits; an exec'd shell may not inherit the soft one.
    expect(docker('exec', `${project}-app-1`, 'cat', '/proc/1/limits')).toMatch(/^Max open files\s+1024\s+2048\s+files\s*$/m);
    expect(h.Sysctls).toEqual({ 'net.core.somaxconn': '511' });
    expect(docker('exec', `${project}-app-1`, 'cat', '/proc/sys/net/core/somaxconn')).toBe('511');
    expect(h.ExtraHosts).toEqual(['db.example:10.1.2.3']);
    expect(docker('exec', `${project}-app-1`, 'cat', '/etc/hosts')).toMatch(/10\.1\.2\.3\s+db\.example/);
    expect(c.Config.Healthcheck).toEqual({ Test: ['CMD', 'true'], Interval: 90e9, Timeout: 2e9, Retries: 2, StartPeriod: 5e8 });
    expect(h.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } });
    expect([h.Memory, h.MemoryReservation, h.NanoCpus, h.CpuShares, h.PidsLimit]).toEqual([64 * 2 ** 20, 32 * 2 ** 20, 5e8, 256, 64]);
    expect(h.CgroupnsMode).toBe('private');
    expect(docker('exec', `${project}-app-1`, 'stat', '-c', '%a %u', '/run/secrets/tok')).toBe('400 7');
    expect(docker('exec', `${project}-app-1`, 'cat', '/run/secrets/tok')).toBe('abc');
    expect(docker('exec', `${project}-app-1`, 'cat', '/run/secrets/file_secret')).toBe('from-file');
    const secretMount = (h.Mounts as { Target: string; Type: string; ReadOnly: boolean }[]).find((m) => m.Target === '/run/secrets/file_secret');
    expect(secretMount).toMatchObject({ Type: 'bind', ReadOnly: true });
  });

  it('a changed secret file or environment value recreates the container; unchanged, nothing happens', async () => {
    const id = inspect(`${project}-app-1`).Id;
    const same = await tcompose(['-p', project, 'up', '-d'], { cwd: dir, env: { TOKEN: 'abc' } });
    expect(same.stdout + same.stderr).toContain('nothing changed');
    writeFileSync(join(dir, 'token.txt'), 'rotated');
    const r = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d'], { cwd: dir, env: { TOKEN: 'abc' } });
    expect(r.code, r.stderr).toBe(0);
    expect(inspect(`${project}-app-1`).Id).not.toBe(id);
    expect(docker('exec', `${project}-app-1`, 'cat', '/run/secrets/file_secret')).toBe('rotated');
    const dry = await tcompose(['-p', project, 'up', '-d', '--dry-run'], { cwd: dir, env: { TOKEN: 'xyz' } });
    expect(dry.stdout).toMatch(/content changed: secrets\.env_secret/);
  });
});

describe('network recreated while some services are not in the run', () => {
  const project = uniqueProject('netsel');
  const services = `services:\n  a:\n${sleeper}  b:\n${sleeper}`;
  const dir = projectDir({ 'compose.yaml': services });
  afterAll(() => cleanupProject(project));

  it('reconnects the containers of the other services', async () => {
    expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
    const bId = inspect(`${project}-b-1`).Id;
    writeFileSync(join(dir, 'compose.yaml'), `${services}networks:\n  default:\n    labels: {changed: "yes"}\n`);
    const r = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d', 'a'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const net = inspect(`${project}_default`);
    expect(net.Labels.changed).toBe('yes');
    expect(Object.values(net.Containers as Record<string, { Name: string }>).map((c) => c.Name).sort()).toEqual([`${project}-a-1`, `${project}-b-1`]);
    expect(inspect(`${project}-b-1`).Id).toBe(bId); // reconnected, not recreated
    expect(inspect(`${project}-b-1`).NetworkSettings.Networks[`${project}_default`].Aliases).toContain('b');
    docker('exec', `${project}-a-1`, 'ping', '-c1', '-W2', 'b');
  });
});

describe('depends_on edge cases', () => {
  const project = uniqueProject('deps');
  afterAll(() => cleanupProject(project));

  it('a one-shot that completed in an earlier up is neither rerun nor waited on again', async () => {
    const dir = projectDir({
      'compose.yaml': `services:\n  init:\n    image: ${BUSYBOX}\n    command: ["sh", "-c", "date +%s%N >> /out/runs"]\n    volumes: [out:/out]\n  app:\n${sleeper}    depends_on: {init: {condition: service_completed_successfully}}\nvolumes: {out: {}}\n`,
    });
    expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
    const first = inspect(`${project}-init-1`).State;
    const t0 = Date.now();
    const again = await tcompose(['-p', project, 'up', '-d', '--wait'], { cwd: dir, timeoutMs: 20_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const after = inspect(`${project}-init-1`).State;
    expect(after.StartedAt).toBe(first.StartedAt);
    expect(after.ExitCode).toBe(0);
    expect(again.stderr).not.toMatch(/Container \S+-init-1\s+Start/);
  });

  it('a restart: always dependency that crash-loops fails the healthy wait instead of hanging', async () => {
    const dir = projectDir({
      'compose.yaml': `services:\n  flaky:\n    image: ${BUSYBOX}\n    restart: always\n    command: ["sh", "-c", "exit 3"]\n    healthcheck: {test: ["CMD", "true"], interval: 1s}\n  app:\n${sleeper}    depends_on: {flaky: {condition: service_healthy}}\n`,
    });
    const t0 = Date.now();
    const r = await tcompose(['-p', `${project}-loop`, 'up', '-d'], { cwd: dir, timeoutMs: 60_000 });
    try {
      expect(r.code).not.toBe(0);
      // Unhealthy or crash-looping, whichever the engine reports first: either way the wait ends with the exit code.
      expect(r.stderr).toMatch(/service flaky did not become healthy: \S+-flaky-1 is (restarting|crash-looping).*last exit code 3/);
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(inspect(`${project}-loop-app-1`).State.Status).toBe('created');
    } finally {
      cleanupProject(`${project}-loop`);
    }
  });

  it('a crash-looping dependency without a healthcheck fails service_completed_successfully after a few restarts', async () => {
    const dir = projectDir({
      'compose.yaml': `services:\n  flaky:\n    image: ${BUSYBOX}\n    restart: always\n    command: ["sh", "-c", "exit 4"]\n  app:\n${sleeper}    depends_on: {flaky: {condition: service_completed_successfully}}\n`,
    });
    const r = await tcompose(['-p', `${project}-loop2`, 'up', '-d'], { cwd: dir, timeoutMs: 60_000 });
    try {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/service flaky did not complete successfully: \S+-flaky-1 is crash-looping: restarted \d+ times, last exit code 4/);
    } finally {
      cleanupProject(`${project}-loop2`);
    }
  });

  it('an on-failure:5 dependency that succeeds on its fifth try is waited for, not called crash-looping', async () => {
    // Fails while its counter (in a named volume) is below 4, then completes: four restarts.
    const dir = projectDir({
      'compose.yaml': `services:\n  flaky:\n    image: ${BUSYBOX}\n    restart: on-failure:5\n    volumes: [count:/c]\n    command: ["sh", "-c", "n=$$(cat /c/n 2>/dev/null || echo 0); echo $$((n+1)) > /c/n; [ $$n -ge 4 ]"]\n  app:\n${sleeper}    depends_on: {flaky: {condition: service_completed_successfully}}\nvolumes: {count: {}}\n`,
    });
    const r = await tcompose(['-p', `${project}-retry`, 'up', '-d'], { cwd: dir, timeoutMs: 90_000 });
    try {
      expect(r.code, r.stderr).toBe(0);
      expect(inspect(`${project}-retry-flaky-1`).RestartCount).toBe(4);
      expect(inspect(`${project}-retry-app-1`).State.Status).toBe('running');
    } finally {
      cleanupProject(`${project}-retry`);
    }
  });
});

describe('a volume whose settings changed', () => {
  it('is kept with its data and a warning naming it, never recreated behind the user\'s back', async () => {
    const project = uniqueProject('volopts');
    const compose = (size: string) => `services:\n  app:\n${sleeper}    volumes: [data:/data]\nvolumes:\n  data:\n    driver_opts: {type: tmpfs, device: tmpfs, o: "size=${size}"}\n`;
    const dir = projectDir({ 'compose.yaml': compose('5m') });
    try {
      expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
      const created = docker('volume', 'inspect', '--format', '{{.CreatedAt}}', `${project}_data`);
      writeFileSync(join(dir, 'compose.yaml'), compose('6m'));
      const again = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain(`volume ${project}_data exists but doesn't match the configuration in the compose file`);
      expect(docker('volume', 'inspect', '--format', '{{.CreatedAt}}', `${project}_data`)).toBe(created);
    } finally {
      cleanupProject(project);
    }
  });

  it('up -y recreates it (its data is lost) and the container using it', async () => {
    const project = uniqueProject('volyes');
    const compose = (label: string) => `services:\n  app:\n${sleeper}    volumes: [data:/data]\nvolumes:\n  data:\n    labels: {generation: "${label}"}\n`;
    const dir = projectDir({ 'compose.yaml': compose('one') });
    try {
      expect((await tcompose(['-p', project, 'up', '-d'], { cwd: dir })).code).toBe(0);
      docker('exec', `${project}-app-1`, 'sh', '-c', 'echo kept > /data/marker');
      const before = inspect(`${project}-app-1`).Id as string;
      writeFileSync(join(dir, 'compose.yaml'), compose('two'));
      const r = await tcompose(['-p', project, '--progress', 'plain', 'up', '-d', '-y'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`Volume ${project}_data\\s+Removed`));
      expect(docker('volume', 'inspect', '--format', '{{index .Labels "generation"}}', `${project}_data`)).toBe('two');
      expect(inspect(`${project}-app-1`).Id).not.toBe(before);
      expect(catIn(`${project}-app-1`, '/data/marker')).toBeUndefined();
    } finally {
      cleanupProject(project);
    }
  });
});

describe('bind.recursive', () => {
  it('disabled reaches the engine as a non-recursive bind; writable is refused by name on API 1.41', async () => {
    const project = uniqueProject('recursive');
    const dir = projectDir({ 'compose.yaml': `services:\n  app:\n${sleeper}    volumes: [{type: bind, source: ., target: /src, bind: {recursive: disabled}}]\n` });
    try {
      const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const mounts = inspect(`${project}-app-1`).HostConfig.Mounts as { Target: string; BindOptions?: { NonRecursive?: boolean } }[];
      expect(mounts.find((m) => m.Target === '/src')?.BindOptions?.NonRecursive).toBe(true);
      writeFileSync(join(dir, 'compose.yaml'), `services:\n  app:\n${sleeper}    volumes: [{type: bind, source: ., target: /src, read_only: true, bind: {recursive: writable}}]\n`);
      const refused = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('service app: volumes[0].bind.recursive: writable needs Engine API 1.44 (this engine speaks 1.41)');
    } finally {
      cleanupProject(project);
    }
  });
});

describe('settings this engine cannot honour', () => {
  it('volume.subpath (API 1.45) is an error naming the service and key; nothing is created', async () => {
    const project = uniqueProject('subpath');
    const dir = projectDir({ 'compose.yaml': `services:\n  app:\n${sleeper}    volumes: [{type: volume, source: d, target: /d, volume: {subpath: sub}}]\nvolumes: {d: {}}\n` });
    try {
      const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('service app: volumes[0].volume.subpath needs Engine API 1.45 (this engine speaks 1.41)');
      expect(docker('ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${project}`)).toBe('');
    } finally {
      cleanupProject(project);
    }
  });
});
