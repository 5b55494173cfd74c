import { Option, type Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

interface PullFlags {
  ignorePullFailures?: boolean;
  includeDeps?: boolean;
  ignoreBuildable?: boolean;
  policy?: 'always' | 'missing';
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('pull')
    .description('pull service images')
    .argument('[services...]', 'services whose images to pull (default: all)')
    .option('--ignore-pull-failures', 'pull what it can and ignore images that fail to pull')
    .option('--include-deps', 'also pull the images of services the named ones depend on')
    .option('--ignore-buildable', 'ignore images that can be built')
    .addOption(new Option('--policy <policy>', 'apply pull policy').choices(['missing', 'always']))
    .option('-q, --quiet', 'pull without printing progress information')
    .action(async (services: string[], flags: PullFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { pull } = await import('../../app/pull.js');
        const result = await pull(ctx, {
          services,
          includeDeps: flags.includeDeps,
          ignorePullFailures: flags.ignorePullFailures,
          ignoreBuildable: flags.ignoreBuildable,
          policy: flags.policy,
          quiet: flags.quiet,
          dryRun: globals.dryRun,
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      }, { progress: !flags.quiet, requiresFile: true });
    });
}
