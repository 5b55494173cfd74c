import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { generate } from '../../../schema/build-validator.mjs';

const root = join(import.meta.dirname, '../../..');

it('the precompiled validator matches schema/compose-spec.json (run node schema/build-validator.mjs)', () => {
  const fresh = (generate as (s: string) => string)(readFileSync(join(root, 'schema/compose-spec.json'), 'utf8'));
  expect(readFileSync(join(root, 'src/loader/schema-validator.generated.ts'), 'utf8') === fresh).toBe(true);
});

it('covers every top-level element and the newer service keys of the Compose Specification', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schema/compose-spec.json'), 'utf8'));
  expect(Object.keys(schema.properties).sort()).toEqual(['configs', 'include', 'models', 'name', 'networks', 'secrets', 'services', 'version', 'volumes']);
  const service = Object.keys(schema.definitions.service.properties);
  for (const k of ['develop', 'deploy', 'healthcheck', 'depends_on', 'post_start', 'pre_stop', 'provider', 'models', 'gpus', 'use_api_socket', 'label_file', 'attach']) {
    expect(service).toContain(k);
  }
  expect(Object.keys(schema.definitions.healthcheck.properties)).toContain('start_interval');
});
