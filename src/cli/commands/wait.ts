import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

export function register(program: Command): void {
  program
    .command('wait')
    .description('block until the first container of the services stops; exit with its code')
    .argument('<services...>', 'services to wait for')
    .option('--down-project', 'take the project down when the first container stops')
    .action(async (services: string[], flags: { downProject?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { wait } = await import('../../app/wait.js');
        return wait(ctx, { services, downProject: flags.downProject });
      });
    });
}
