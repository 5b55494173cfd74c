import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemonHost, parseDockerHost } from '../../../src/engine/docker/endpoint.js';
import { UsageError } from '../../../src/errors.js';

describe('DOCKER_HOST', () => {
  it('unix sockets', () => {
    expect(parseDockerHost('unix:///run/user/1000/docker.sock', {})).toEqual({ socketPath: '/run/user/1000/docker.sock', description: 'unix:///run/user/1000/docker.sock' });
  });

  it('tcp without TLS defaults to port 2375', () => {
    expect(parseDockerHost('tcp://10.0.0.5', {})).toMatchObject({ host: '10.0.0.5', port: 2375, protocol: 'http', tls: undefined });
  });

  it('tcp with DOCKER_TLS_VERIFY reads the PEM files from DOCKER_CERT_PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'certs-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    const e = parseDockerHost('tcp://engine.example:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    expect(e).toMatchObject({ host: 'engine.example', port: 2376, protocol: 'https' });
    expect(e.tls?.ca?.toString()).toBe('CA');
    expect(e.tls?.cert?.toString()).toBe('CERT');
    expect(e.tls?.key?.toString()).toBe('KEY');
  });

  it('any non-empty DOCKER_TLS_VERIFY turns TLS on, as with the docker CLI', () => {
    expect(parseDockerHost('tcp://h:2376', { DOCKER_TLS_VERIFY: 'true', DOCKER_CERT_PATH: '/nonexistent' })).toMatchObject({ protocol: 'https' });
    expect(parseDockerHost('tcp://h:2375', { DOCKER_TLS_VERIFY: '' })).toMatchObject({ protocol: 'http' });
  });

  it('ssh keeps the user name', () => {
    expect(parseDockerHost('ssh://deploy@build-host', {})).toMatchObject({ host: 'build-host', port: 22, protocol: 'ssh', username: 'deploy' });
  });

  it('IPv6 hosts lose their brackets', () => {
    expect(parseDockerHost('tcp://[::1]:2375', {})).toMatchObject({ host: '::1', port: 2375 });
  });

  it('a malformed value is a usage error, not a crash', () => {
    expect(() => parseDockerHost('tcp://[bad', {})).toThrow(UsageError);
    expect(() => parseDockerHost('ftp://x', {})).toThrow(/invalid DOCKER_HOST "ftp:\/\/x"/);
  });
});

describe('daemonHost (how config.json keys per-engine settings)', () => {
  it.each([
    ['unix:///var/run/docker.sock', {}, 'unix:///var/run/docker.sock'],
    ['tcp://build-box', {}, 'tcp://build-box:2375'],
    ['tcp://build-box', { DOCKER_TLS_VERIFY: '1' }, 'tcp://build-box:2376'],
    ['tcp://10.0.0.5:2380', {}, 'tcp://10.0.0.5:2380'],
    ['tcp://[::1]', {}, 'tcp://[::1]:2375'],
    ['ssh://me@box', {}, 'ssh://me@box'],
  ])('%s %j → %s', (value, env, host) => {
    expect(daemonHost(parseDockerHost(value, env as NodeJS.ProcessEnv))).toBe(host);
  });
});
