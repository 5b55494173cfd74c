import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configCommand } from '../../../src/app/config.js';
import { configHash } from '../../../src/state/hash.js';
import { loadProject } from '../../../src/loader/index.js';
import { writeProject } from './helpers.js';

const file = `name: demo
services:
  web:
    image: nginx:\${TAG:-1.25}
    profiles: [web]
    environment:
      PRICE: "$$5"
  db:
    image: postgres
    volumes: [data:/var/lib/postgresql/data]
  tool:
    build: ./tool
    profiles: [tools]
volumes:
  data:
networks:
  back:
`;

function opts(extra: object = {}) {
  const dir = writeProject({ 'compose.yaml': file });
  return { cwd: dir, environment: {}, profiles: ['web', 'tools'], ...extra };
}

describe('config', () => {
  it('prints the canonical model as YAML', async () => {
    const text = await configCommand(opts());
    expect(text).toContain('name: demo\nservices:\n');
    expect(text).toContain('image: nginx:1.25');
    expect(text).toContain('PRICE: "$$5"'); // `$` escaped so the output reloads to the same value
    expect(text).toContain('    networks:\n      default: null\n');
    expect(text).toMatch(/volumes:\n {2}data:\n {4}name: demo_data\n/);
  });

  it('lists services, volumes, networks, profiles and images', async () => {
    expect(await configCommand(opts(), { services: true })).toBe('db\ntool\nweb\n');
    expect(await configCommand(opts(), { volumes: true })).toBe('data\n');
    expect(await configCommand(opts(), { networks: true })).toBe('back\ndefault\n');
    expect(await configCommand(opts({ profiles: [] }), { profiles: true })).toBe('tools\nweb\n');
    expect(await configCommand(opts(), { images: true })).toBe('postgres\ndemo-tool\nnginx:1.25\n');
  });

  it('prints config hashes that do not depend on what does not touch the container', async () => {
    const project = await loadProject(opts());
    const text = await configCommand(opts(), { hash: '*' });
    expect(text).toBe(['db', 'tool', 'web'].map((n) => `${n} ${configHash(project.services[n]!)}`).join('\n') + '\n');
    const db = project.services.db!;
    expect(configHash(db)).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash({ ...db, depends_on: { x: { condition: 'service_started', required: true } }, scale: 3, profiles: ['p'], pull_policy: 'always' })).toBe(configHash(db));
    expect(configHash({ ...db, deploy: { replicas: 4 } })).toBe(configHash({ ...db, deploy: {} }));
    expect(configHash({ ...db, image: 'postgres:17' })).not.toBe(configHash(db));
    expect(configHash({ ...db, environment: { B: '2', A: '1' } })).toBe(configHash({ ...db, environment: { A: '1', B: '2' } }));
    await expect(configCommand(opts(), { hash: 'nope' })).rejects.toThrow('no such service: nope');
  });

  it('lists variables with their defaults', async () => {
    expect(await configCommand(opts(), { variables: true })).toBe('NAME   REQUIRED   DEFAULT VALUE   ALTERNATE VALUE\nTAG    false      1.25\n');
  });

  it('keeps the text with --no-interpolate and short syntax with --no-normalize', async () => {
    const raw = await configCommand(opts(), { noInterpolate: true, noNormalize: true });
    expect(raw).toContain('image: nginx:${TAG:-1.25}');
    expect(raw).toContain('volumes:\n      - data:/var/lib/postgresql/data');
  });

  it('prints JSON, writes -o files, and prints nothing with --quiet', async () => {
    const o = opts();
    const json = JSON.parse(await configCommand(o, { format: 'json' })) as { services: Record<string, { image?: string }> };
    expect(json.services.db!.image).toBe('postgres');
    const out = join(o.cwd, 'out.yaml');
    expect(await configCommand(o, { output: out })).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('name: demo');
    expect(await configCommand(o, { quiet: true })).toBe('');
  });

  it('pins images to digests when an engine is given', async () => {
    const engine = { inspectImage: async (ref: string) => (ref === 'postgres' ? { repoDigests: ['postgres@sha256:abc'] } : undefined) };
    const text = await configCommand(opts(), { resolveImageDigests: true, engine: engine as never });
    expect(text).toContain('image: postgres@sha256:abc');
  });
});
