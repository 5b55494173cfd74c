import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { runCommand, withProject } from '../session.js';
import { UsageError } from '../../errors.js';

export function register(program: Command): void {
  program
    .command('scale')
    .description('scale services')
    .argument('<service=replicas...>', 'services and how many containers each should have')
    .option('--no-deps', "don't start linked services")
    .action(async (pairs: string[], flags: { deps?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const scale: Record<string, number> = {};
      const bad = pairs.find((p) => !/^[^=]+=\d+$/.test(p));
      if (bad) await runCommand(globals, async () => {
        throw new UsageError(`invalid scale ${JSON.stringify(bad)}: use SERVICE=NUMBER`);
      });
      for (const p of pairs) scale[p.slice(0, p.lastIndexOf('='))] = Number(p.slice(p.lastIndexOf('=') + 1));
      await withProject(globals, Object.keys(scale), async ({ ctx }) => {
        const { scale: run } = await import('../../app/scale.js');
        const result = await run(ctx, { scale, noDeps: flags.deps === false, dryRun: globals.dryRun });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      }, { requiresFile: true });
    });
}
