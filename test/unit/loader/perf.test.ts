import { expect, it } from 'vitest';
import { configCommand } from '../../../src/app/config.js';
import { loadProject } from '../../../src/loader/index.js';
import { writeProject } from './helpers.js';

function generate(n: number): string {
  let s = 'services:\n';
  for (let i = 0; i < n; i++) {
    s += `  svc${i}:\n    image: example/app:${i}\n    command: run --id ${i}\n    environment: [A=${i}, B=x]\n    ports: ["${10000 + i}:80"]\n    volumes: ["data:/data", "./cfg:/cfg:ro"]\n    depends_on: [${i > 0 ? `svc${i - 1}` : ''}]\n    healthcheck: {test: "true", interval: 10s}\n`;
  }
  return s + 'volumes:\n  data:\n';
}

it('config on 1000 services takes well under a second', async () => {
  const dir = writeProject({ 'compose.yaml': generate(1000) });
  await loadProject({ cwd: dir, environment: {} }); // compiles the schema once
  // CPU time, not wall time: the test machine is shared and wall time measures the neighbours.
  const start = process.cpuUsage();
  const text = await configCommand({ cwd: dir, environment: {} });
  const ms = process.cpuUsage(start).user / 1000;
  expect(text).toContain('svc999:');
  expect(ms).toBeLessThan(1000);
}, 20_000);
