import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { parseFormat } from '../parse.js';
import { withProject } from '../session.js';
import { formatTable } from '../table.js';

interface ImagesFlags {
  format?: string;
  quiet?: boolean;
}

const size = (n: number): string => {
  if (n < 1000) return `${n}B`;
  if (n < 1000 ** 2) return `${(n / 1000).toFixed(1)}kB`;
  if (n < 1000 ** 3) return `${(n / 1000 ** 2).toFixed(1)}MB`;
  return `${(n / 1000 ** 3).toFixed(2)}GB`;
};

export function register(program: Command): void {
  program
    .command('images')
    .description("list images used by the project's containers")
    .argument('[services...]', 'only these services')
    .option('--format <format>', 'table or json', 'table')
    .option('-q, --quiet', 'only display IDs')
    .action(async (services: string[], flags: ImagesFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = parseFormat(flags.format, ['table', 'json'] as const, 'table');
      await withProject(globals, services, async ({ ctx }) => {
        const { images } = await import('../../app/images.js');
        const rows = await images(ctx, { services });
        const out = process.stdout;
        if (flags.quiet) {
          for (const id of new Set(rows.map((r) => r.id))) out.write(id.replace(/^sha256:/, '').slice(0, 12) + '\n');
        } else if (format === 'json') {
          out.write(JSON.stringify(rows.map((r) => ({
            ContainerName: r.container, Service: r.service, Repository: r.repository, Tag: r.tag,
            ID: r.id, Size: r.size, Created: new Date(r.created * 1000).toISOString(),
          }))) + '\n');
        } else {
          out.write(formatTable(
            ['CONTAINER', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'],
            rows.map((r) => [r.container, r.repository, r.tag, r.id.replace(/^sha256:/, '').slice(0, 12), size(r.size)]),
          ));
        }
      }, { progress: false });
    });
}
