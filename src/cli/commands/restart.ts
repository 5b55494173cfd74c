import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseTimeout } from '../parse.js';

export function register(program: Command): void {
  program
    .command('restart')
    .description('restart service containers (dependencies first)')
    .argument('[services...]', 'only these services (and the services depending on them)')
    .option('-t, --timeout <seconds>', 'shutdown timeout in seconds')
    .option('--no-deps', "don't restart dependent services")
    .action(async (services: string[], flags: { timeout?: string; deps?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { restart } = await import('../../app/lifecycle.js');
        const result = await restart(ctx, { services, dryRun: globals.dryRun, timeout: parseTimeout(flags.timeout), noDeps: flags.deps === false });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}
