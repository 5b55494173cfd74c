import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

export function register(program: Command): void {
  program
    .command('pause')
    .description('pause services')
    .argument('[services...]', 'only these services')
    .action(async (services: string[], _flags: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { pause } = await import('../../app/lifecycle.js');
        const result = await pause(ctx, { services, dryRun: globals.dryRun });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}
