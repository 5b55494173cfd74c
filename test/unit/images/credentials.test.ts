// Registry credentials from a docker config.json: auths entries and credential helpers.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DOCKER_HUB, allCredentials, credentialsFor, readDockerConfig, registryOf } from '../../../src/state/credentials.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

/** A fake docker-credential-<name> on PATH answering for one server. */
function helper(name: string, server: string, user: string, secret: string): void {
  const bin = mkdtempSync(join(tmpdir(), 'tc-cred-'));
  const script = `#!/bin/sh\nread s\nif [ "$s" = "${server}" ]; then echo '{"ServerURL":"${server}","Username":"${user}","Secret":"${secret}"}'; else echo "credentials not found in native keychain"; exit 1; fi\n`;
  writeFileSync(join(bin, `docker-credential-${name}`), script);
  chmodSync(join(bin, `docker-credential-${name}`), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
}

describe('credentials', () => {
  it('finds the registry of a reference', () => {
    expect(registryOf('busybox')).toBe(DOCKER_HUB);
    expect(registryOf('library/busybox:1')).toBe(DOCKER_HUB);
    expect(registryOf('docker.io/x/y')).toBe(DOCKER_HUB);
    expect(registryOf('127.0.0.1:5000/x/y:1')).toBe('127.0.0.1:5000');
    expect(registryOf('localhost/x')).toBe('localhost');
    expect(registryOf('ghcr.io/o/r@sha256:abc')).toBe('ghcr.io');
  });

  it('reads auths (base64 user:password, identity tokens, keys with a scheme)', async () => {
    const cfg = {
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:pw:with:colons') },
        'https://ghcr.io': { identitytoken: 'tok' },
        'reg.example:5000': { auth: b64('u:p') },
      },
    };
    expect(await credentialsFor('busybox', cfg)).toEqual({ serveraddress: DOCKER_HUB, username: 'hub', password: 'pw:with:colons' });
    expect(await credentialsFor('ghcr.io/o/r', cfg)).toEqual({ serveraddress: 'ghcr.io', identitytoken: 'tok' });
    expect(await credentialsFor('reg.example:5000/a', cfg)).toEqual({ serveraddress: 'reg.example:5000', username: 'u', password: 'p' });
    expect(await credentialsFor('other.example/a', cfg)).toBeUndefined();
  });

  it('asks credential helpers (credHelpers per registry, then credsStore)', async () => {
    helper('tctest', 'reg.example', 'helper-user', 'helper-secret');
    const cfg = { credHelpers: { 'reg.example': 'tctest' }, auths: { 'reg.example': { auth: b64('file:ignored') } } };
    expect(await credentialsFor('reg.example/a', cfg)).toEqual({ serveraddress: 'reg.example', username: 'helper-user', password: 'helper-secret' });
    // A store that knows nothing about a registry falls back to anonymous.
    expect(await credentialsFor('elsewhere.example/a', { credsStore: 'tctest' })).toBeUndefined();
    expect(await allCredentials(cfg)).toEqual({ 'reg.example': { serveraddress: 'reg.example', username: 'helper-user', password: 'helper-secret' } });
  });

  it('names a missing helper', async () => {
    await expect(credentialsFor('reg.example/a', { credsStore: 'tc-missing-helper' })).rejects.toThrow(/docker-credential-tc-missing-helper .* is not installed/);
  });

  it('treats a missing config as empty and a broken one as an error', async () => {
    expect(await readDockerConfig('/nonexistent/config.json')).toEqual({});
    const d = mkdtempSync(join(tmpdir(), 'tc-cfg-'));
    writeFileSync(join(d, 'config.json'), '{not json');
    await expect(readDockerConfig(join(d, 'config.json'))).rejects.toThrow(/not valid JSON/);
  });
});
