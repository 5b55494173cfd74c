import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { formatTable } from '../table.js';
import { parseFormat } from '../parse.js';

interface StatsFlags {
  all?: boolean;
  stream?: boolean;
  format?: string;
}

export function register(program: Command): void {
  program
    .command('stats')
    .description('display a live stream of container resource usage statistics')
    .argument('[services...]', 'only these services')
    .option('-a, --all', 'show all containers (default shows just running)')
    .option('--no-stream', 'print one sample and exit')
    .option('--format <format>', 'table or json', 'table')
    .action(async (services: string[], flags: StatsFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const format = parseFormat(flags.format, ['table', 'json'] as const, 'table');
        const { statsOnce, statsStream, statsJson } = await import('../../app/stats.js');
        const { checkService } = await import('../../app/service-containers.js');
        const { clearScreen } = await import('../../ui/tty.js');
        for (const s of services) checkService(ctx.project, s);
        const render = (rows: Awaited<ReturnType<typeof statsOnce>>): string => {
          const json = rows.map(statsJson);
          if (format === 'json') return json.map((r) => JSON.stringify(r) + '\n').join('');
          return formatTable(
            ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'],
            json.map((r) => [r.ID!, r.Name!, r.CPUPerc!, r.MemUsage!, r.MemPerc!, r.NetIO!, r.BlockIO!, r.PIDs!]),
          );
        };
        const req = { services, all: flags.all };
        if (flags.stream === false) {
          process.stdout.write(render(await statsOnce(ctx, req)));
          return;
        }
        await statsStream(ctx, req, (rows) => {
          if (format === 'table' && process.stdout.isTTY) clearScreen(process.stdout);
          process.stdout.write(render(rows));
        });
        return 0;
      }, { progress: false });
    });
}
