import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { parseScale } from '../parse.js';
import { withProject } from '../session.js';

export function register(program: Command): void {
  program
    .command('scale')
    .description('scale services')
    .argument('<service=replicas...>', 'services and how many containers each should have')
    .option('--no-deps', "don't start linked services")
    .action(async (pairs: string[], flags: { deps?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      // A bad pair is a usage error (reported by main) before any file is read.
      const scale = parseScale(pairs, 'scale') ?? {};
      await withProject(globals, Object.keys(scale), async ({ ctx }) => {
        const { scale: run } = await import('../../app/scale.js');
        const result = await run(ctx, { scale, noDeps: flags.deps === false, dryRun: globals.dryRun });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      }, { requiresFile: true });
    });
}
