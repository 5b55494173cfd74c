#!/usr/bin/env node
// Throws thousands of mutated and random YAML documents at the loader and `config`, and fails
// on anything but a ConfigError (an uncaught exception is a loader bug). Seeded, so a failure
// can be replayed: node scripts/fuzz-loader.mjs [cases=5000] [seed=1]
// Not part of the default test run.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const cases = Number(process.argv[2] ?? 5000);
let seed = Number(process.argv[3] ?? 1);
const root = new URL('..', import.meta.url).pathname;

// Bundle the loader so plain node can run the TypeScript sources.
const work = mkdtempSync(join(tmpdir(), 'tc-fuzz-'));
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  `export { loadProject } from ${JSON.stringify(join(root, 'src/loader/index.ts'))};
export { configCommand } from ${JSON.stringify(join(root, 'src/app/config.ts'))};
export { ConfigError } from ${JSON.stringify(join(root, 'src/errors.ts'))};`,
);
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(root, '.fuzz-bundle.mjs'), logLevel: 'warning' });
const { loadProject, configCommand, ConfigError } = await import(pathToFileURL(join(root, '.fuzz-bundle.mjs')).href);

function rnd() {
  // mulberry32
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (n) => Math.floor(rnd() * n);

const fixturesDir = join(root, 'test/fixtures/compose');
const corpus = [];
for (const d of readdirSync(fixturesDir)) {
  const dir = join(fixturesDir, d);
  if (!statSync(dir).isDirectory()) continue;
  for (const f of readdirSync(dir)) if (/\.ya?ml$/.test(f)) corpus.push(readFileSync(join(dir, f), 'utf8'));
}

const KEYS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'name', 'version', 'x-ext', 'models', 'image', 'build', 'command',
  'entrypoint', 'environment', 'env_file', 'ports', 'volumes', 'depends_on', 'networks', 'extends', 'healthcheck', 'deploy', 'profiles', 'labels',
  'network_mode', 'links', 'volumes_from', 'ipc', 'pid', 'container_name', 'scale', 'restart', 'secrets', 'configs', 'ulimits', 'logging',
  'stop_grace_period', 'mem_limit', 'tmpfs', 'extra_hosts', 'develop', 'condition', 'target', 'published', 'external', 'driver', 'file', 'service',
  'required', 'test', 'interval', 'type', 'source', 'a', 'b', 'db', 'web', '<<', 'enviroment'];
const SCALARS = ['x', 'nginx', '80', '8080:80', '"127.0.0.1:1-3:4-6/udp"', 'true', 'no', 'null', '~', '""', "''", '1m30s', '512m', '-1', '0777',
  '${VAR}', '${VAR:-d}', '${VAR:?oops}', '${', '$$', '${A:-${B}}', 'service:a', 'container:x', './data:/data:ro', 'named:/d', '/anon', '~/x:/y',
  'a -> b', '"quoted: value"', '|\n  block\n  text', '*anchor', '&anchor x', '!reset []', '!override x', '!!binary aGk=', '[a, b]', '{a: 1}',
  'service_healthy', 'a b "c', '1e400', '0x1F', '.inf', '2024-01-01', 'é€', '- - -', ': :', '{', ']', '"\\u0000"'];

function randomValue(depth) {
  const r = rnd();
  if (depth > 4 || r < 0.45) return pick(SCALARS);
  const indent = '  '.repeat(depth + 1);
  if (r < 0.7) return '\n' + Array.from({ length: 1 + int(3) }, () => `${indent}- ${randomValue(depth + 1).replace(/^\n/, '\n  ')}`).join('\n');
  return '\n' + Array.from({ length: 1 + int(4) }, () => `${indent}${pick(KEYS)}: ${randomValue(depth + 1)}`).join('\n');
}

function randomDoc() {
  const parts = [];
  if (rnd() < 0.3) parts.push(`version: "${pick(['3', '3.8', '2.4'])}"`);
  parts.push('services:');
  for (let i = 0, n = 1 + int(4); i < n; i++) {
    parts.push(`  ${pick(['a', 'b', 'db', 'web', 'x y', '_bad'])}:`);
    for (let j = 0, m = int(6); j < m; j++) parts.push(`    ${pick(KEYS)}: ${randomValue(2)}`);
  }
  for (let i = 0, n = int(3); i < n; i++) parts.push(`${pick(KEYS)}: ${randomValue(0)}`);
  return parts.join('\n') + '\n';
}

function mutate(text) {
  let s = text;
  for (let i = 0, n = 1 + int(6); i < n; i++) {
    const at = int(s.length + 1);
    switch (int(7)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1 + int(10)); break; // delete
      case 1: s = s.slice(0, at) + pick([':', '-', ' ', '\n', '"', "'", '{', '[', '$', '${', '&a', '*a', '!reset ', '#', '\t', '<<: ', '\ufeff']) + s.slice(at); break;
      case 2: { const lines = s.split('\n'); const k = int(lines.length); lines.splice(int(lines.length), 0, lines[k] ?? ''); s = lines.join('\n'); break; } // duplicate a line
      case 3: { const lines = s.split('\n'); const k = int(lines.length); lines[k] = ' '.repeat(int(6)) + (lines[k] ?? '').trimStart(); s = lines.join('\n'); break; } // re-indent
      case 4: s = s.slice(0, at) + `${pick(KEYS)}: ${pick(SCALARS)}\n` + s.slice(at); break;
      case 5: { const lines = s.split('\n'); const k = int(lines.length); lines[k] = (lines[k] ?? '').replace(/: .*/, `: ${pick(SCALARS)}`); s = lines.join('\n'); break; }
      default: s = s.slice(0, at) + String.fromCharCode(int(0x3000)) + s.slice(at);
    }
  }
  return s;
}

const dir = mkdtempSync(join(tmpdir(), 'tc-fuzz-proj-'));
writeFileSync(join(dir, '.env'), 'VAR=value\nA=1\n');
let ok = 0;
let configErrors = 0;
const started = Date.now();
for (let i = 0; i < cases; i++) {
  const caseSeed = seed;
  const text = rnd() < 0.5 && corpus.length ? mutate(pick(corpus)) : randomDoc();
  const options = { cwd: dir, files: ['-'], stdin: async () => text, environment: { B: 'b' }, onWarning: () => {} };
  try {
    await loadProject(options);
    await configCommand(options, { format: pick(['yaml', 'json']) });
    ok++;
  } catch (e) {
    if (e instanceof ConfigError) {
      configErrors++;
      if (/\n\s+at /.test(e.message) || /instancePath|schemaPath/.test(e.message)) {
        console.error(`case ${i} (seed ${caseSeed}): a ConfigError leaks internals:\n${e.message}\n--- input ---\n${text}`);
        process.exitCode = 1;
        break;
      }
      continue;
    }
    console.error(`case ${i} (seed ${caseSeed}): uncaught ${e?.constructor?.name}: ${e?.stack ?? e}\n--- input ---\n${text}`);
    process.exitCode = 1;
    break;
  }
}
rmSync(join(root, '.fuzz-bundle.mjs'), { force: true });
rmSync(work, { recursive: true, force: true });
rmSync(dir, { recursive: true, force: true });
console.log(`${ok + configErrors} cases in ${((Date.now() - started) / 1000).toFixed(1)}s: ${ok} loaded, ${configErrors} ConfigError${process.exitCode ? ', FAILED' : ', no other exception'}`);
