import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

interface WatchFlags {
  up?: boolean; // --no-up
  prune?: boolean; // --no-prune
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('watch')
    .description('watch the develop.watch paths and sync, restart or rebuild services when files change')
    .argument('[services...]', 'services to watch (default: every service with develop.watch)')
    .option('--no-up', "don't build and start the services before watching")
    .option('--prune', 'prune dangling images on rebuild (default)', true)
    .option('--no-prune', 'keep the images a rebuild replaced')
    .option('--quiet', 'hide build output')
    .action(async (services: string[], flags: WatchFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { watch } = await import('../../app/watch.js');
        // Ctrl-C ends the watch; the containers stay up.
        await watch(ctx, {
          services,
          noUp: flags.up === false,
          prune: flags.prune !== false,
          quiet: flags.quiet,
          log: (line) => process.stdout.write(line + '\n'),
          onError: (message) => process.stderr.write(message + '\n'),
        });
      }, { requiresFile: true });
    });
}
