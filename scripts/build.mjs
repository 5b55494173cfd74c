// Bundles the CLI and the library with esbuild. Dependencies stay external (loaded from
// node_modules) and heavy ones are imported lazily, so `tcompose --version` loads one small file.
// Builds into a fresh folder and swaps it in, so a running CLI never sees a half-built dist/.
import { build } from 'esbuild';
import { rmSync, chmodSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
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
    packages: 'external',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    define: { __TCOMPOSE_VERSION__: JSON.stringify(version) },
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
