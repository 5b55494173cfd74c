import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseTimeout } from '../parse.js';

export function register(program: Command): void {
  program
    .command('stop')
    .description('stop running containers (dependents first) without removing them')
    .argument('[services...]', 'only these services')
    .option('-t, --timeout <seconds>', 'shutdown timeout in seconds')
    .action(async (services: string[], flags: { timeout?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { stop } = await import('../../app/lifecycle.js');
        const result = await stop(ctx, { services, dryRun: globals.dryRun, timeout: parseTimeout(flags.timeout) });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}
