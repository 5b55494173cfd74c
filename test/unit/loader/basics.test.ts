import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { loadProject, serviceNames } from '../../../src/loader/index.js';
import { errors, load, writeProject } from './helpers.js';

describe('discovery and project name', () => {
  it('finds compose.yaml with its override and names the project after the directory', async () => {
    const { project, dir } = await load({
      'compose.yaml': 'services:\n  web:\n    image: nginx\n',
      'compose.override.yaml': 'services:\n  web:\n    environment: [A=1]\n',
    });
    expect(project.name).toBe('proj');
    expect(project.configFiles).toEqual([join(dir, 'compose.yaml'), join(dir, 'compose.override.yaml')]);
    expect(project.services.web!.environment).toEqual({ A: '1' });
    expect(project.networks).toEqual({ default: { name: 'proj_default' } });
  });

  it('searches parent directories', async () => {
    const dir = writeProject({ 'docker-compose.yml': 'services:\n  a:\n    image: x\n', 'sub/deeper/.keep': '' });
    const p = await loadProject({ cwd: join(dir, 'sub/deeper'), environment: {} });
    expect(p.workingDir).toBe(dir);
    expect(serviceNames(p)).toEqual(['a']);
  });

  it('reports when no file is found', async () => {
    const dir = writeProject({ 'x.txt': '' });
    await expect(loadProject({ cwd: dir, projectDirectory: dir, environment: {} })).rejects.toThrow(/no configuration file provided/);
  });

  it('reads COMPOSE_FILE with COMPOSE_PATH_SEPARATOR', async () => {
    const { project } = await load(
      { 'a.yml': 'services:\n  a:\n    image: x\n', 'b.yml': 'services:\n  b:\n    image: y\n' },
      { environment: { COMPOSE_FILE: 'a.yml;b.yml', COMPOSE_PATH_SEPARATOR: ';' } },
    );
    expect(serviceNames(project)).toEqual(['a', 'b']);
  });

  it('reads "-f -" from stdin', async () => {
    const { project } = await load({ '.keep': '' }, { files: ['-'], stdin: async () => 'services:\n  s:\n    image: busybox\n' });
    expect(project.services.s!.image).toBe('busybox');
  });

  it('takes the name from -p, then COMPOSE_PROJECT_NAME, then name:, then the directory', async () => {
    const file = 'name: fromfile\nservices:\n  a:\n    image: x\n';
    expect((await load(file, { projectName: 'cli' })).project.name).toBe('cli');
    expect((await load(file, { environment: { COMPOSE_PROJECT_NAME: 'envname' } })).project.name).toBe('envname');
    expect((await load(file)).project.name).toBe('fromfile');
    const dir = writeProject({ 'compose.yaml': 'services:\n  a:\n    image: x\n' });
    const p = await loadProject({ cwd: dir, projectDirectory: join(dir, '..', 'proj'), environment: {} });
    expect(p.name).toBe('proj');
  });

  it('normalizes a directory name and rejects an invalid -p', async () => {
    const dir = writeProject({ 'My.App/compose.yaml': 'services:\n  a:\n    image: x\n' });
    expect((await loadProject({ cwd: join(dir, 'My.App'), environment: {} })).name).toBe('myapp');
    expect(await errors('services:\n  a:\n    image: x\n', { projectName: 'Bad Name' })).toEqual([
      'invalid project name "Bad Name": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
    ]);
  });

  it('warns that version is obsolete', async () => {
    const { warnings } = await load('version: "3.8"\nservices:\n  a:\n    image: x\n');
    expect(warnings).toEqual(['compose.yaml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion']);
  });

  it('loads the users\' wordpress file with only the version warning', async () => {
    const text = readFileSync('/work/shared/examples/wordpress/docker-compose.yml', 'utf8');
    const { project, warnings } = await load({ 'docker-compose.yml': text });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/the attribute `version` is obsolete/);
    expect(serviceNames(project)).toEqual(['db', 'wordpress']);
    expect(project.services.db!.command).toEqual([
      '--default_authentication_plugin=mysql_native_password',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
    ]);
    expect(project.services.wordpress!.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(project.services.wordpress!.ports).toEqual([{ mode: 'ingress', target: 80, published: '8020', protocol: 'tcp' }]);
    expect(project.volumes).toEqual({ db_data: { name: 'proj_db_data' } });
  });
});

describe('canonical form', () => {
  it('expands short syntax', async () => {
    const { project, dir } = await load(
      `services:
  app:
    build: ./app
    command: sh -c 'echo "hi there"'
    entrypoint: ["/bin/run", 1]
    environment:
      - A=1
      - FROM_SHELL
      - MISSING
    ports:
      - 80
      - "127.0.0.1:8080:80/udp"
      - "9000-9001:9000-9001"
      - "[::1]:5353:53"
    volumes:
      - ./data:/data:ro
      - ~/cache:/cache
      - named:/named:nocopy
      - /anon
    healthcheck:
      test: curl -f http://localhost
      interval: 90s
      start_period: 1500ms
    stop_grace_period: 1m
    mem_limit: 512m
    depends_on: [db]
    labels: [a=b, c]
  db:
    image: postgres
    networks: [back]
    dns: 8.8.8.8
networks:
  back:
volumes:
  named:
`,
      { environment: { FROM_SHELL: 'shell', HOME: '/home/u' } },
    );
    const app = project.services.app!;
    expect(app.build).toEqual({ context: join(dir, 'app') });
    expect(app.command).toEqual(['sh', '-c', 'echo "hi there"']);
    expect(app.entrypoint).toEqual(['/bin/run', '1']);
    expect(app.environment).toEqual({ A: '1', FROM_SHELL: 'shell', MISSING: null });
    expect(app.ports).toEqual([
      { mode: 'ingress', target: 80, protocol: 'tcp' },
      { mode: 'ingress', host_ip: '127.0.0.1', target: 80, published: '8080', protocol: 'udp' },
      { mode: 'ingress', target: 9000, published: '9000', protocol: 'tcp' },
      { mode: 'ingress', target: 9001, published: '9001', protocol: 'tcp' },
      { mode: 'ingress', host_ip: '::1', target: 53, published: '5353', protocol: 'tcp' },
    ]);
    expect(app.volumes).toEqual([
      { type: 'bind', source: join(dir, 'data'), target: '/data', read_only: true, bind: { create_host_path: true } },
      { type: 'bind', source: join(homedir(), 'cache'), target: '/cache', bind: { create_host_path: true } },
      { type: 'volume', source: 'named', target: '/named', volume: { nocopy: true } },
      { type: 'volume', target: '/anon' },
    ]);
    expect(app.healthcheck).toEqual({ test: ['CMD-SHELL', 'curl -f http://localhost'], interval: '1m30s', start_period: '1.5s' });
    expect(app.stop_grace_period).toBe('1m0s');
    expect(app.mem_limit).toBe(536870912);
    expect(app.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(app.labels).toEqual({ a: 'b', c: '' });
    expect(app.networks).toEqual({ default: null });
    expect(project.services.db!.networks).toEqual({ back: null });
    expect(project.services.db!.dns).toEqual(['8.8.8.8']);
    expect(project.networks).toEqual({ back: { name: 'proj_back' }, default: { name: 'proj_default' } });
  });

  it('names resources: name:, external, legacy external.name', async () => {
    const { project } = await load(`services:
  a:
    image: x
    network_mode: host
networks:
  n1: {name: custom}
  n2: {external: true}
  n3: {external: {name: legacy}}
volumes:
  v1:
  v2: {external: true, name: real}
secrets:
  s: {file: ./secret.txt}
`);
    expect(project.networks).toEqual({
      n1: { name: 'custom' },
      n2: { name: 'n2', external: true },
      n3: { name: 'legacy', external: true },
    });
    expect(project.volumes).toEqual({ v1: { name: 'proj_v1' }, v2: { name: 'real', external: true } });
    expect(project.secrets.s!.name).toBe('proj_s');
    expect(project.secrets.s!.file).toMatch(/\/proj\/secret\.txt$/);
    expect(project.services.a!.networks).toBeUndefined();
  });
});
