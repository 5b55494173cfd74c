// Runs the command-line program from its CommonJS bundle (dist/cli/program.cjs) with V8's code
// cache. Node 20 keeps no compiled code between runs of ES modules, and compiling ours cost
// every command ~30 ms (a third of a `ps`). So the program is one script, compiled through
// node:vm with the code V8 kept from an earlier run of the same command (one cache file per
// command: each deserializes only what it runs), written once after the first run.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { cacheRoot } from './caches.js';

interface ProgramModule {
  main(argv: readonly string[]): Promise<void>;
  isCommand(name: string): boolean;
}

/** Global options that take a value, so that the command name can be told from their values. */
const VALUE_OPTIONS = new Set(['-f', '--file', '-p', '--project-name', '--project-directory', '--env-file', '--profile', '--parallel', '--progress', '--ansi']);

export function commandName(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return /^[a-z][a-z0-9-]*$/.test(a) ? a : 'other';
  }
  return 'none';
}

export function launch(argv: readonly string[]): Promise<void> {
  const file = fileURLToPath(new URL('./cli/program.cjs', import.meta.url));
  // The bundle is ASCII (esbuild escapes the rest): latin1 skips UTF-8 decoding of ~1 MB.
  const source = readFileSync(file, 'latin1');
  const root = cacheRoot();
  const command = commandName(argv);
  const cacheFile = root && join(root.dir, 'v8', `${root.build}-${process.version}-${process.arch}-${command}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // first run of this command: no cache yet
  }
  const script = new Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} as ProgramModule };
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // After the run, so that the cache holds every function the command compiled; not for a
    // mistyped command, so that typos do not each leave a file.
    process.once('exit', () => {
      if (command === 'none' || module.exports.isCommand(command)) writeCache(cacheFile, script, root.build);
    });
  }
  return module.exports.main(argv);
}

/**
 * Best effort: a cache that cannot be written only costs speed. Other builds' caches go once
 * unused for a week (two installs of different versions may take turns).
 */
function writeCache(file: string, script: Script, build: string): void {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${build}-`)) continue;
      const path = join(dir, name);
      if (Date.now() - statSync(path).atimeMs > 7 * 86_400_000) unlinkSync(path);
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // ignored on purpose
  }
}
