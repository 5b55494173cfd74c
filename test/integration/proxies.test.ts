// The docker CLI's proxy settings (config.json `proxies`) reach containers that up and run
// create, and builds, as they do with docker compose; what a service sets itself wins.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, inspect, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('proxies');
const image = `${project}-built:1`;
afterAll(() => {
  cleanupProject(project);
  try {
    docker('rmi', '-f', image);
  } catch {
    // not built
  }
});

const dockerConfig = mkdtempSync(join(tmpdir(), 'tc-docker-config-'));
writeFileSync(
  join(dockerConfig, 'config.json'),
  JSON.stringify({ proxies: { default: { httpProxy: 'http://proxy.invalid:3128', noProxy: 'localhost' } } }),
);
const env = { DOCKER_CONFIG: dockerConfig };

describe('proxies from the docker CLI config', () => {
  it('up, run and build hand them on; the service environment wins', async () => {
    const dir = projectDir({
      'compose.yaml': [
        'services:',
        '  app:',
        `    image: ${BUSYBOX}`,
        '    command: ["sleep", "3600"]',
        '    init: true',
        '    environment: {NO_PROXY: mine}',
        '  built:',
        `    image: ${image}`,
        '    build: {context: ./b}',
        '    command: ["sleep", "3600"]',
        '    init: true',
        '',
      ].join('\n'),
      'b/Dockerfile': `FROM ${BUSYBOX}\nRUN echo "built with $HTTP_PROXY" > /proxy.txt\n`,
    });
    const up = await tcompose(['-p', project, 'up', '-d', '--build'], { cwd: dir, env });
    expect(up.code, up.stderr).toBe(0);
    const appEnv: string[] = inspect(`${project}-app-1`).Config.Env;
    expect(appEnv).toEqual(expect.arrayContaining(['HTTP_PROXY=http://proxy.invalid:3128', 'http_proxy=http://proxy.invalid:3128', 'NO_PROXY=mine', 'no_proxy=localhost']));
    expect(docker('exec', `${project}-built-1`, 'cat', '/proxy.txt')).toBe('built with http://proxy.invalid:3128');

    const run = await tcompose(['-p', project, 'run', '--rm', '-T', 'app', 'sh', '-c', 'echo "$http_proxy $NO_PROXY"'], { cwd: dir, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('http://proxy.invalid:3128 mine');
  });
});
