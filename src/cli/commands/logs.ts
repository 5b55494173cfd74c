import { checkServices } from '../../graph/services.js';
import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../globals.js';
import { ansiMode } from '../globals.js';
import { parseIndex } from '../parse.js';
import { withProject } from '../session.js';
import type { LogItem } from '../../app/logs.js';
import type { Project } from '../../model/types.js';

interface LogsFlags {
  follow?: boolean;
  timestamps?: boolean;
  tail?: string;
  since?: string;
  until?: string;
  index?: string;
  color?: boolean;
  logPrefix?: boolean;
}

/** How log output looks, shared by `logs` and attached `up`. */
export interface LogOutputFlags {
  readonly color?: boolean; // false with --no-color
  readonly logPrefix?: boolean; // false with --no-log-prefix
  readonly timestamps?: boolean;
}

/** A printer for log items; stderr lines go to stderr when stdout is a pipe. */
export async function createLogPrinter(project: Project, globals: GlobalOptions, flags: LogOutputFlags, services?: readonly string[]): Promise<{ write(batch: readonly LogItem[]): Promise<void> }> {
  const { LogPrinter } = await import('../../ui/logs/printer.js');
  const { useColor } = await import('../../ui/ansi.js');
  const color = flags.color !== false && useColor(ansiMode(globals), process.stdout);
  const printer = new LogPrinter({
    project: project.name,
    color,
    prefix: flags.logPrefix !== false,
    timestamps: Boolean(flags.timestamps),
    out: process.stdout,
    err: process.stdout.isTTY ? undefined : process.stderr,
  });
  // Room for the names we expect, so the first lines already line up.
  const names = Object.values(project.services)
    .filter((s) => !services?.length || services.includes(s.name))
    .map((s) => s.container_name ?? `${s.name}-${Math.max(1, s.scale ?? 1)}`);
  printer.reserve(names);
  return printer;
}

export function parseTail(value: string | undefined): number | 'all' | undefined {
  if (value === undefined || value === 'all') return value;
  if (!/^\d+$/.test(value)) throw new UsageError(`invalid --tail value ${JSON.stringify(value)}: use a number of lines or "all"`);
  return Number(value);
}

export function register(program: Command): void {
  program
    .command('logs')
    .description('view output from containers')
    .argument('[services...]', 'only these services')
    .option('-f, --follow', 'follow log output')
    .option('-t, --timestamps', 'show timestamps')
    .option('-n, --tail <lines>', 'number of lines to show from the end of the logs for each container, or "all"', 'all')
    .option('--since <time>', 'show logs since a timestamp (2024-05-01T10:00:00Z, unix seconds) or relative (42m, 1h30m)')
    .option('--until <time>', 'show logs before a timestamp or relative (42m, 1h30m)')
    .addOption(new Option('--index <n>', 'index of the container if the service has several replicas'))
    .option('--no-color', 'produce monochrome output')
    .option('--no-log-prefix', "don't print the prefix in logs")
    .action(async (services: string[], flags: LogsFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(
        globals,
        services,
        async ({ ctx, project, signal }) => {
          const tail = parseTail(flags.tail);
          const { parseLogTime } = await import('../../ui/logs/time.js');
          const since = flags.since === undefined ? undefined : parseLogTime(flags.since, '--since');
          const until = flags.until === undefined ? undefined : parseLogTime(flags.until, '--until');
          const index = parseIndex(flags.index);
          checkServices(project, services, { allowDisabled: true });
          const { streamLogBatches } = await import('../../app/logs.js');
          const items = streamLogBatches(ctx, { services, follow: flags.follow, tail, since, until, index, signal });
          const printer = await createLogPrinter(project, globals, flags, services);
          for await (const batch of items) await printer.write(batch);
          return signal.aborted ? 130 : 0;
        },
        { progress: false },
      );
    });
}
