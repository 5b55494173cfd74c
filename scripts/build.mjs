// Bundles with esbuild: the library (dist/index.js, ES modules split into lazily loaded chunks),
// the command's launcher (dist/cli.js: answers --version alone) and its program
// (dist/cli/program.cjs, one CommonJS script the launcher runs with V8's code cache, plus yaml and
// the schema validator beside it). Most dependencies stay external (loaded from node_modules).
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
// Smaller stand-ins for what docker-modem loads at start-up: its debug logger is off unless DEBUG
// is set (the real one is loaded then), and its streams are Node's own (readable-stream 3 is a
// copy of them, ~100 KB to compile). ~4 ms on every engine command.
const SHIMS_FOR = {
  'docker-modem': {
    debug: `module.exports = (ns) => {
  if (!process.env.DEBUG) return Object.assign(() => {}, { enabled: false });
  return require('debug')(ns);
};`,
    'readable-stream': `module.exports = require('node:stream');`,
  },
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
    for (const [pkg, shims] of Object.entries(SHIMS_FOR)) {
      const from = new RegExp(`[\\\\/]node_modules[\\\\/]${pkg}[\\\\/]`);
      b.onResolve({ filter: names(Object.keys(shims)) }, (args) => (from.test(args.importer) ? { path: args.path, namespace: `shim-${pkg}` } : undefined));
      b.onLoad({ filter: /.*/, namespace: `shim-${pkg}` }, (args) => ({ loader: 'js', contents: shims[args.path], resolveDir: `node_modules/${pkg}` }));
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
  // The build script and configs too: V8 checks a code cache only against the script's length.
  const configs = ['package-lock.json', 'package.json', 'tsconfig.json', 'scripts/build.mjs'];
  const files = [...configs, ...['src', 'schema'].flatMap((d) => readdirSync(d, { recursive: true }).map((f) => `${d}/${f}`))].sort();
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
/**
 * For the CommonJS program bundle, which node:vm runs (no import() there without an experimental
 * flag): every dynamic import of an external becomes a require, with ES-module interop.
 */
const dynamicImportsAsRequire = {
  name: 'dynamic-imports-as-require',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.namespace === 'required') return undefined;
      const vendor = VENDORED[args.path];
      const bare = !args.path.startsWith('.') && !args.path.startsWith('/');
      if (!vendor && !(bare && (args.path.startsWith('node:') || external.some((e) => e === args.path || args.path.startsWith(`${e}/`))))) return undefined;
      return { path: vendor ?? args.path, namespace: 'required' };
    });
    b.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ loader: 'js', contents: `module.exports = require(${JSON.stringify(args.path)});` }));
    b.onResolve({ filter: /.*/, namespace: 'required' }, (args) => ({ path: args.path, external: true }));
  },
};
// What the program bundle loads from its own folder only when it must (a load-cache miss):
// yaml and the schema validator are 0.85 MB, a third of the bundle, that every run would read.
const VENDORED = { yaml: './yaml.cjs', './schema-validator.generated.js': './schema-validator.cjs' };
const vendored = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: /^(yaml|\.\/schema-validator\.generated\.js)$/ }, (args) => ({ path: VENDORED[args.path], external: true }));
  },
};

const out = `dist.build-${process.pid}`;
rmSync(out, { recursive: true, force: true });
try {
  const define = { __TCOMPOSE_VERSION__: JSON.stringify(version), __TCOMPOSE_BUILD__: JSON.stringify(buildDigest()) };
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', define };
  // The library (`import { compose } from 'tcompose'`): ES modules, split so that each part
  // loads when used.
  await build({
    ...common,
    entryPoints: { index: 'src/index.ts' },
    outdir: out,
    splitting: true,
    format: 'esm',
    external,
    plugins: [deferModules],
    // Bundled CommonJS code requires node builtins; an ES module has no require of its own.
    banner: { js: "import { createRequire as __tcRequire } from 'node:module'; const require = __tcRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
  });
  // The command: a small launcher (answers --version alone) ...
  await build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: out, format: 'esm', external });
  // ... that runs the program, one CommonJS script compiled with V8's code cache (launch.ts).
  await build({
    ...common,
    entryPoints: { program: 'src/cli/program.ts' },
    outdir: `${out}/cli`,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external,
    plugins: [dynamicImportsAsRequire, vendored, deferModules],
    define: { ...define, 'import.meta.url': '__tcImportMetaUrl' },
    banner: { js: "const __tcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await build({ ...common, entryPoints: { yaml: 'node_modules/yaml/dist/index.js' }, outdir: `${out}/cli`, outExtension: { '.js': '.cjs' }, format: 'cjs' });
  await build({ ...common, entryPoints: { 'schema-validator': 'src/loader/schema-validator.generated.ts' }, outdir: `${out}/cli`, outExtension: { '.js': '.cjs' }, format: 'cjs' });
  // launch.ts reads the bundle as latin1 (a one-byte string, no UTF-8 decoding) and runs it as a
  // function of CommonJS's arguments. esbuild escapes non-ASCII text in code but keeps some
  // comments as written: escaped here too. The wrapper goes on the first line, so the source
  // map's lines still match.
  const program = readFileSync(`${out}/cli/program.cjs`, 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const dynamicImport = /.{0,60}\bimport\(.{0,40}/.exec(program);
  if (dynamicImport) throw new Error(`program.cjs still has an import() (node:vm cannot run it): ${dynamicImport[0]}`);
  // "use strict" first: the banner line before esbuild's own directive would void it.
  writeFileSync(`${out}/cli/program.cjs`, `(function (exports, require, module, __filename, __dirname) {"use strict";${program}\n})`);
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
