import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { formatTable } from '../table.js';
import { parseFormat } from '../parse.js';

interface VolumesFlags {
  format?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('volumes')
    .description("list the project's volumes")
    .argument('[services...]', 'only volumes these services mount')
    .option('--format <format>', 'table or json', 'table')
    .option('-q, --quiet', 'only display volume names')
    .action(async (services: string[], flags: VolumesFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = parseFormat(flags.format, ['table', 'json'] as const, 'table');
      await withProject(globals, undefined, async ({ ctx }) => {
        const { volumes } = await import('../../app/volumes.js');
        const list = await volumes(ctx, { services });
        const out = process.stdout;
        if (flags.quiet) {
          for (const v of list) out.write(v.name + '\n');
        } else if (format === 'json') {
          // One object a line, with docker volume ls's field names.
          for (const v of list) {
            const labels = Object.entries(v.labels).map(([k, x]) => `${k}=${x}`).join(',');
            out.write(JSON.stringify({ Driver: v.driver, Labels: labels, Mountpoint: v.mountpoint, Name: v.name }) + '\n');
          }
        } else {
          out.write(formatTable(['DRIVER', 'VOLUME NAME'], list.map((v) => [v.driver, v.name])));
        }
      }, { progress: false });
    });
}
