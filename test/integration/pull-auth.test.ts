// Registry credentials end to end: a registry with basic authentication (docker-registry with
// htpasswd, started here on a free port), credentials from $DOCKER_CONFIG/config.json.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX, REPO, docker, projectDir, removeRepository, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('pullauth');
let registry: ChildProcess | undefined;
let port = 0;
let dir = '';
const ref = (): string => `127.0.0.1:${port}/${project}/app:1`;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** A docker config dir whose config.json holds these credentials for the registry. */
function dockerConfig(user: string, password: string): string {
  const d = mkdtempSync(join(tmpdir(), 'tc-dockercfg-'));
  const auth = Buffer.from(`${user}:${password}`).toString('base64');
  writeFileSync(join(d, 'config.json'), JSON.stringify({ auths: { [`127.0.0.1:${port}`]: { auth } } }));
  return d;
}

beforeAll(async () => {
  execFileSync('bash', [join(REPO, 'scripts/registry.sh')], { stdio: 'ignore' }); // installs docker-registry if missing
  port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'tc-authreg-'));
  const hash = execFileSync('python3', ['-c', 'import crypt,sys; print(crypt.crypt("s3cret", crypt.mksalt(crypt.METHOD_BLOWFISH)))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  writeFileSync(join(state, 'htpasswd'), `tester:${hash}\n`);
  writeFileSync(
    join(state, 'config.yml'),
    `version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: ${state}/data}}\nhttp: {addr: 127.0.0.1:${port}}\nauth: {htpasswd: {realm: tc, path: ${state}/htpasswd}}\n`,
  );
  registry = spawn('docker-registry', ['serve', join(state, 'config.yml')], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v2/`).then((r) => r.status === 401, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  dir = projectDir({
    'compose.yaml': `services:\n  app:\n    image: ${ref()}\n    build: ./app\n    pull_policy: build\n`,
    'run.yaml': `services:\n  app:\n    image: ${ref()}\n`,
    'app/Dockerfile': `FROM ${BUSYBOX}\nLABEL marker=${project}\n`,
  });
});

afterAll(() => {
  registry?.kill();
  removeRepository(ref().replace(/:1$/, ''));
});

describe('registry credentials', () => {
  it('pushes and pulls with the credentials of config.json; refused ones fail clearly', async () => {
    const good = dockerConfig('tester', 's3cret');
    const push = await tcompose(['-p', project, 'build', '-q', '--push'], { cwd: dir, env: { DOCKER_CONFIG: good } });
    expect(push.code, push.stderr).toBe(0);
    docker('rmi', '-f', ref());

    const anonymous = await tcompose(['-p', project, '-f', 'run.yaml', 'pull'], { cwd: dir, env: { DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'tc-empty-')) } });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain(`registry 127.0.0.1:${port} refused anonymous access`);

    const wrong = await tcompose(['-p', project, '-f', 'run.yaml', 'pull'], { cwd: dir, env: { DOCKER_CONFIG: dockerConfig('tester', 'wrong') } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`registry 127.0.0.1:${port} refused the credentials for 127.0.0.1:${port}`);

    const ok = await tcompose(['-p', project, '-f', 'run.yaml', 'pull'], { cwd: dir, env: { DOCKER_CONFIG: good } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(docker('inspect', '--format', '{{index .Config.Labels "marker"}}', ref())).toBe(project);
  });
});
