import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

export function register(program: Command): void {
  program
    .command('kill')
    .description('force stop service containers')
    .argument('[services...]', 'only these services')
    .option('-s, --signal <signal>', 'signal to send to the container', 'SIGKILL')
    .option('--remove-orphans', 'remove containers for services not defined in the compose file')
    .action(async (services: string[], flags: { signal: string; removeOrphans?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { kill } = await import('../../app/lifecycle.js');
        const result = await kill(ctx, { services, dryRun: globals.dryRun, signal: flags.signal, removeOrphans: flags.removeOrphans });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}
