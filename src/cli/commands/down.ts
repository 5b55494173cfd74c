import { Command, Option } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseTimeout } from '../parse.js';

interface DownFlags {
  removeOrphans?: boolean;
  volumes?: boolean;
  rmi?: 'local' | 'all';
  timeout?: string;
}

export function register(program: Command): void {
  program
    .command('down')
    .description('stop and remove containers and networks')
    .argument('[services...]', 'only these services (their networks and volumes stay)')
    .option('--remove-orphans', 'remove containers for services not defined in the compose file')
    .option('-v, --volumes', 'remove named volumes declared in the volumes section and anonymous volumes of the containers')
    .addOption(new Option('--rmi <type>', 'remove images used by services').choices(['local', 'all']))
    .option('-t, --timeout <seconds>', 'shutdown timeout in seconds')
    .action(async (services: string[], flags: DownFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { down } = await import('../../app/down.js');
        const result = await down(ctx, {
          services,
          dryRun: globals.dryRun,
          removeOrphans: flags.removeOrphans,
          volumes: flags.volumes,
          rmi: flags.rmi,
          timeout: parseTimeout(flags.timeout),
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}
