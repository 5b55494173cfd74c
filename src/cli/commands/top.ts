import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { formatTable } from '../table.js';

export function register(program: Command): void {
  program
    .command('top')
    .description('display the running processes')
    .argument('[services...]', 'only these services')
    .action(async (services: string[], _flags: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { top } = await import('../../app/top.js');
        const { checkService } = await import('../../app/service-containers.js');
        for (const s of services) checkService(ctx.project, s);
        const blocks = (await top(ctx, { services })).map((c) => `${c.name}\n${formatTable(c.titles, c.processes)}`);
        if (blocks.length) process.stdout.write(blocks.join('\n'));
      }, { progress: false });
    });
}
