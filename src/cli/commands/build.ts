import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../globals.js';
import { collect } from '../parse.js';
import { withProject } from '../session.js';

interface BuildFlags {
  buildArg?: string[];
  cache?: boolean;
  pull?: boolean;
  quiet?: boolean;
  push?: boolean;
  withDependencies?: boolean;
  ssh?: string;
}

/** --build-arg KEY=VALUE, or KEY alone to take the value from the environment (as docker does). */
export function parseBuildArgs(values: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  if (!values?.length) return undefined;
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    if (!key) throw new UsageError(`invalid --build-arg ${JSON.stringify(v)}: use KEY=VALUE or KEY`);
    const value = eq < 0 ? env[key] : v.slice(eq + 1);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('build or rebuild service images')
    .argument('[services...]', 'services to build (default: all with a build section)')
    .option('--build-arg <key=value>', 'set a build-time variable (repeatable)', collect)
    .option('--no-cache', 'do not use the cache when building')
    .option('--pull', 'always try to pull a newer version of the base images')
    .option('-q, --quiet', "don't print anything to stdout")
    .option('--push', 'push the images after building them')
    .option('--with-dependencies', 'also build the services the named ones depend on')
    .option('--ssh <spec>', 'SSH agent socket or keys to expose to the build (needs BuildKit)')
    .action(async (services: string[], flags: BuildFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      if (flags.ssh) throw new UsageError('--ssh needs BuildKit, which this engine\'s classic builder does not have');
      await withProject(globals, services, async ({ ctx }) => {
        const { build } = await import('../../app/build.js');
        const result = await build(ctx, {
          services,
          buildArgs: parseBuildArgs(flags.buildArg),
          noCache: flags.cache === false,
          pullBase: flags.pull,
          quiet: flags.quiet,
          withDependencies: flags.withDependencies,
          dryRun: globals.dryRun,
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
        if (flags.push) {
          const { push } = await import('../../app/push.js');
          await push(ctx, { services, quiet: flags.quiet, dryRun: globals.dryRun });
        }
      }, { progress: !flags.quiet, requiresFile: true });
    });
}
