// Bundles the CLI and the library with esbuild. Dependencies stay external (loaded from
// node_modules) and heavy ones are imported lazily, so `tcompose --version` loads one small file.
// Builds into a fresh folder and swaps it in, so a running CLI never sees a half-built dist/.
import { build } from 'esbuild';
import { rmSync, chmodSync, readFileSync, writeFileSync, renameSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';

const { version, dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
// dockerode is bundled so that what it loads at start-up but uses only for ssh:// hosts (ssh2)
// and BuildKit sessions (gRPC) can be deferred: ~0.1 s of CPU on every engine command. yaml and
// commander, which nearly every command loads, are bundled too: one chunk loads faster than
// their dozens of CommonJS files (~0.03 s).
const BUNDLED = new Set(['dockerode', 'yaml', 'commander', 'toposort']);
const DEFERRED = ['ssh2', '@grpc/grpc-js', '@grpc/proto-loader'];
// What a bundled package loads at start-up but uses only on paths we never take: packing a build
// context from a path and BuildKit sessions (dockerode: we stream our own context), https
// (docker-modem: only for https:// hosts), executable subcommands (commander). Deferred when
// that package asks; our own code imports them where it needs them. ~15 ms on every command.
const DEFERRED_FOR = {
  dockerode: ['tar-fs', '@balena/dockerignore', 'zlib', 'uuid'],
  'docker-modem': ['https'],
  commander: ['node:child_process'],
};
const external = Object.keys(dependencies).filter((d) => !BUNDLED.has(d)).flatMap((d) => [d, `${d}/*`]);

/**
 * Replaces each DEFERRED module with a stand-in that requires the real one on first use: any
 * property read, call or `new` on the module or on one of its members (`new ssh2.Client()`,
 * `grpc.ServerCredentials.createInsecure()`, `DockerIgnore({…})`) loads it then.
 */
const deferModules = {
  name: 'defer-modules',
  setup(b) {
    const names = (list) => new RegExp(`^(${list.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
    const defer = (args) => (args.namespace === 'deferred' ? { path: args.path, external: true } : { path: args.path, namespace: 'deferred' });
    b.onResolve({ filter: names(DEFERRED) }, defer);
    for (const [pkg, modules] of Object.entries(DEFERRED_FOR)) {
      const from = new RegExp(`[\\\\/]node_modules[\\\\/]${pkg}[\\\\/]`);
      b.onResolve({ filter: names(modules) }, (args) => (args.namespace === 'deferred' || from.test(args.importer) ? defer(args) : undefined));
    }
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      loader: 'js',
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
const member = (key) => new Proxy(function () {}, {
  get: (_, k) => load()[key][k],
  apply: (_, self, a) => Reflect.apply(load()[key], self, a),
  construct: (_, a) => Reflect.construct(load()[key], a),
});
module.exports = new Proxy(function () {}, {
  get: (_, key) => (key === '__esModule' ? false : member(key)),
  apply: (_, self, a) => Reflect.apply(load(), self, a),
  construct: (_, a) => Reflect.construct(load(), a),
});
`,
    }));
  },
};
// Identifies this build for the load cache: a digest of everything that decides what loading gives.
function buildDigest() {
  const hash = createHash('sha256');
  const files = ['package-lock.json', ...['src', 'schema'].flatMap((d) => readdirSync(d, { recursive: true }).map((f) => `${d}/${f}`))].sort();
  for (const f of files) {
    let data;
    try {
      data = readFileSync(f);
    } catch {
      continue; // a directory
    }
    hash.update(f).update('\0').update(data).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
const out = `dist.build-${process.pid}`;
rmSync(out, { recursive: true, force: true });
try {
  await build({
    entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    plugins: [deferModules],
    // Bundled CommonJS code requires node builtins; an ES module has no require of its own.
    banner: { js: "import { createRequire as __tcRequire } from 'node:module'; const require = __tcRequire(import.meta.url);" },
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    define: { __TCOMPOSE_VERSION__: JSON.stringify(version), __TCOMPOSE_BUILD__: JSON.stringify(buildDigest()) },
  });
  // The shebang goes on the CLI entry only.
  writeFileSync(`${out}/cli.js`, '#!/usr/bin/env node\n' + readFileSync(`${out}/cli.js`, 'utf8'));
  chmodSync(`${out}/cli.js`, 0o755);
  if (!process.argv.includes('--no-types')) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', `${out}/types`], { stdio: 'inherit' });
  }
  const old = `dist.old-${process.pid}`;
  if (existsSync('dist')) renameSync('dist', old);
  renameSync(out, 'dist');
  rmSync(old, { recursive: true, force: true });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  throw err;
}
