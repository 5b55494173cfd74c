import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

interface PushFlags {
  ignorePushFailures?: boolean;
  includeDeps?: boolean;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('push')
    .description('push service images (services with both build and image)')
    .argument('[services...]', 'services whose images to push (default: all)')
    .option('--ignore-push-failures', 'push what it can and ignore images that fail to push')
    .option('--include-deps', 'also push the images of services the named ones depend on')
    .option('-q, --quiet', 'push without printing progress information')
    .action(async (services: string[], flags: PushFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { push } = await import('../../app/push.js');
        const result = await push(ctx, {
          services,
          includeDeps: flags.includeDeps,
          ignorePushFailures: flags.ignorePushFailures,
          quiet: flags.quiet,
          dryRun: globals.dryRun,
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      }, { progress: !flags.quiet, requiresFile: true });
    });
}
