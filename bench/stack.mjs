// Generates the benchmark stacks: N busybox services in dependency levels, written as a
// compose file (for tcompose and docker-compose v1) and as stack.json (for the engine floor).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const IMAGE = 'tcompose-test/busybox:latest';

/**
 * Four levels holding 10%, 20%, 30% and 40% of the services (at least one each); every service
 * above level 0 depends on two services of the level below, so starts form a real DAG.
 */
export function stackShape(n) {
  const levels = Math.max(1, Math.min(4, n));
  const weights = [1, 2, 3, 4].slice(0, levels);
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((n * w) / total)));
  sizes[levels - 1] += n - sizes.reduce((a, b) => a + b, 0);
  const services = [];
  const byLevel = [];
  let i = 0;
  for (let level = 0; level < levels; level++) {
    const names = [];
    for (let k = 0; k < sizes[level]; k++) {
      const name = `s${String(i++).padStart(4, '0')}`;
      const below = byLevel[level - 1] ?? [];
      const deps = below.length ? [...new Set([below[k % below.length], below[(k + 1) % below.length]])] : [];
      services.push({ name, level, deps });
      names.push(name);
    }
    byLevel.push(names);
  }
  return services;
}

// init: true makes stops quick (tini forwards SIGTERM). docker-compose v1 needs file format 2.2+
// for `init`; 2.4 is the newest 2.x and also takes depends_on. tcompose ignores `version`.
function composeYaml(services, serviceBody) {
  const lines = ['version: "2.4"', 'services:'];
  for (const s of services) {
    lines.push(`  ${s.name}:`, ...serviceBody(s).map((l) => `    ${l}`));
    if (s.deps.length) lines.push('    depends_on:', ...s.deps.map((d) => `      - ${d}`));
  }
  return lines.join('\n') + '\n';
}

/** Writes <dir>/compose.yml and <dir>/stack.json for an N-service stack; returns their paths. */
export function writeStack(dir, n) {
  mkdirSync(dir, { recursive: true });
  const services = stackShape(n);
  const file = join(dir, 'compose.yml');
  writeFileSync(file, composeYaml(services, () => [`image: ${IMAGE}`, 'command: ["sleep", "3600"]', 'init: true']));
  const json = join(dir, 'stack.json');
  writeFileSync(json, JSON.stringify({ image: IMAGE, command: ['sleep', '3600'], services }, null, 1));
  return { dir, file, json, services };
}

/** A stack of `containers` independent services that each print `lines` lines and exit. */
export function writeLogsStack(dir, containers, lines) {
  mkdirSync(dir, { recursive: true });
  const services = Array.from({ length: containers }, (_, i) => ({ name: `log${i}`, level: 0, deps: [] }));
  const file = join(dir, 'compose.yml');
  const body = (s) => [
    `image: ${IMAGE}`,
    `command: ["sh", "-c", "seq 1 ${lines} | sed 's/^/${s.name} the quick brown fox jumps over the lazy dog, line /'"]`,
    'init: true',
  ];
  writeFileSync(file, composeYaml(services, body));
  return { dir, file, services };
}
