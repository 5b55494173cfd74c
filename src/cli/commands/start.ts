import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseTimeout } from '../parse.js';

interface StartFlags {
  wait?: boolean;
  waitTimeout?: string;
}

export function register(program: Command): void {
  program
    .command('start')
    .description('start existing containers (dependencies first, honouring depends_on conditions)')
    .argument('[services...]', 'only these services')
    .option('--wait', 'wait for services to be running or healthy')
    .option('--wait-timeout <seconds>', 'maximum time to wait with --wait')
    .action(async (services: string[], flags: StartFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { start } = await import('../../app/lifecycle.js');
        const waitTimeout = parseTimeout(flags.waitTimeout, '--wait-timeout');
        const result = await start(ctx, { services, dryRun: globals.dryRun, wait: flags.wait, waitTimeoutMs: waitTimeout === undefined ? undefined : waitTimeout * 1000 });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}
