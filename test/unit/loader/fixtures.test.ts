// Every fixture in test/fixtures/compose loads, `config` accepts it, its output loads back to
// the same model, and — where docker-compose v1 could read it — the model matches v1's.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject, type ProjectOptions } from '../../../src/loader/index.js';
import { configCommand } from '../../../src/app/config.js';
import type { Project, Service } from '../../../src/model/types.js';

const root = join(import.meta.dirname, '../../fixtures/compose');
const fixtures = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());

function optionsFor(dir: string): ProjectOptions {
  const argsFile = join(dir, 'ARGS');
  const files = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter((a) => a !== '-f') : undefined;
  return { cwd: dir, environment: {}, ...(files ? { files } : {}), onWarning: () => {} };
}

function model(p: Project) {
  return { name: p.name, services: p.services, networks: p.networks, volumes: p.volumes, secrets: p.secrets, configs: p.configs, extensions: p.extensions };
}

it('has at least 25 fixtures', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(25);
});

describe.each(fixtures)('%s', (name) => {
  const dir = join(root, name);

  it('loads, and config output (YAML and JSON) loads back to the same model', async () => {
    const opts = optionsFor(dir);
    const project = await loadProject(opts);
    expect(Object.keys(project.services).length).toBeGreaterThan(0);
    for (const format of ['yaml', 'json'] as const) {
      const text = await configCommand(opts, { format });
      const again = await loadProject({ cwd: dir, environment: {}, files: ['-'], stdin: async () => text, onWarning: () => {} });
      expect(model(again)).toEqual(model(project));
    }
  });

  const v1File = join(dir, 'v1-config.yml');
  it.runIf(existsSync(v1File))('matches docker-compose v1 field by field', async () => {
    const ours = await loadProject(optionsFor(dir));
    const v1 = await loadProject({ cwd: dir, environment: { FIXTURE_DIR: dir }, files: [v1File], projectName: ours.name, onWarning: () => {} });
    expect(Object.keys(v1.services).sort()).toEqual(Object.keys(ours.services).sort());
    for (const [svc, mine] of Object.entries(ours.services)) {
      const theirs = v1.services[svc]!;
      for (const field of FIELDS) {
        expect.soft(comparable(field, mine), `${svc}.${field}`).toEqual(comparable(field, theirs));
      }
    }
    expect(v1.networks).toEqual(ours.networks);
    expect(v1.volumes).toEqual(ours.volumes);
    expect(Object.keys(v1.secrets).sort()).toEqual(Object.keys(ours.secrets).sort());
  });
});

// What v1 and the Compose Specification agree on.
const FIELDS = [
  'image', 'command', 'entrypoint', 'environment', 'ports', 'volumes', 'depends_on', 'networks', 'restart', 'healthcheck', 'labels',
  'links', 'ulimits', 'sysctls', 'cap_add', 'dns', 'tmpfs', 'extra_hosts', 'container_name', 'working_dir', 'user', 'stop_grace_period',
  'logging', 'secrets', 'configs', 'build', 'mem_limit', 'shm_size', 'hostname', 'tty', 'stdin_open', 'profiles',
] as const;

function comparable(field: string, s: Service): unknown {
  const v = s[field];
  if (field === 'volumes' && Array.isArray(v)) {
    // v1 writes no bind options; compare what the mount is.
    return v.map((m: { type: string; source?: string; target: string; read_only?: boolean }) => ({ type: m.type, source: m.source, target: m.target, ro: !!m.read_only }));
  }
  if (field === 'build' && v && typeof v === 'object') return (v as { context: string }).context;
  if (field === 'ports' && Array.isArray(v)) return v.map((p: { target: number; published?: string; protocol: string; host_ip?: string }) => [p.host_ip, p.published, p.target, p.protocol]);
  return v;
}
