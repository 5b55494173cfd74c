import { Command, Option } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { collect, parseBool, parseFormat } from '../parse.js';
import { UsageError } from '../../errors.js';
import { formatTable } from '../table.js';
import { humanDuration } from '../human-duration.js';

interface PsFlags {
  all?: boolean;
  quiet?: boolean;
  services?: boolean;
  status?: string[];
  filter?: string[];
  format?: string;
  trunc?: boolean;
  orphans?: boolean;
}

const states = ['paused', 'restarting', 'removing', 'running', 'dead', 'created', 'exited'];

export function register(program: Command): void {
  program
    .command('ps')
    .description('list containers')
    .argument('[services...]', 'only these services')
    .option('-a, --all', 'show all stopped containers (including those created by the run command)')
    .option('-q, --quiet', 'only display IDs')
    .option('--services', 'display services')
    .addOption(new Option('--status <status>', 'filter services by status (repeatable)').argParser(collect))
    .option('--filter <filter>', 'filter services by a property (status=running, source=…) (repeatable)', collect)
    .option('--format <format>', 'table or json', 'table')
    .option('--no-trunc', "don't truncate output")
    .addOption(new Option('--orphans [bool]', 'include orphaned services (default true)').argParser(parseBool))
    .option('--no-orphans', 'hide orphaned containers')
    .action(async (services: string[], flags: PsFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        // docker compose v2 filters on status only; v1 also had status=stopped and source=image|build.
        const status = [...(flags.status ?? [])];
        const sources: string[] = [];
        for (const f of flags.filter ?? []) {
          const m = /^(status|source)=(.+)$/.exec(f);
          if (!m) throw new UsageError(`invalid --filter ${JSON.stringify(f)}: use status=<state> or source=image|build`);
          if (m[1] === 'source') {
            if (m[2] !== 'image' && m[2] !== 'build') throw new UsageError(`invalid --filter ${JSON.stringify(f)}: source is image or build`);
            sources.push(m[2]);
          } else status.push(...(m[2] === 'stopped' ? ['exited', 'created', 'dead'] : [m[2]!]));
        }
        for (const s of status) if (!states.includes(s)) throw new UsageError(`invalid status ${JSON.stringify(s)}: use one of ${states.join(', ')}`);
        const format = parseFormat(flags.format, ['table', 'json'] as const, 'table');
        const { ps, formatPorts } = await import('../../app/ps.js');
        const source = (service: string): string => ((ctx.project.services[service] ?? ctx.project.disabledServices[service])?.build ? 'build' : 'image');
        const rows = (await ps(ctx, { all: flags.all, services, status, orphans: flags.orphans })).filter((r) => !sources.length || sources.includes(source(r.service)));
        const out = process.stdout;
        if (flags.services) {
          for (const s of [...new Set(rows.map((r) => r.service))]) out.write(s + '\n');
        } else if (flags.quiet) {
          for (const r of rows) out.write((flags.trunc === false ? r.id : r.id.slice(0, 12)) + '\n');
        } else if (format === 'json') {
          out.write(JSON.stringify(rows.map((r) => ({
            ID: r.id, Name: r.name, Names: r.name, Project: r.project, Service: r.service, Image: r.image, Command: r.command,
            State: r.state, Status: r.status, Health: r.health, ExitCode: r.exitCode, Created: r.created, RunningFor: ago(r.created),
            Labels: Object.entries(r.labels).map(([k, v]) => `${k}=${v}`).sort().join(','),
            LocalVolumes: String(r.localVolumes), Mounts: r.mounts.join(','), Networks: r.networks.join(','),
            Publishers: r.ports.map((p) => ({ URL: p.url, TargetPort: p.targetPort, PublishedPort: p.publishedPort, Protocol: p.protocol })),
          }))) + '\n');
        } else {
          const trunc = (s: string, n: number): string => (flags.trunc === false || s.length <= n ? s : s.slice(0, n - 1) + '…');
          out.write(formatTable(
            ['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'CREATED', 'STATUS', 'PORTS'],
            rows.map((r) => [r.name, r.image, JSON.stringify(trunc(r.command, 20)), r.service, ago(r.created), r.status, formatPorts(r.ports)]),
          ));
        }
      }, { progress: false });
    });
}

function ago(unixSeconds: number): string {
  return `${humanDuration(Math.max(0, Date.now() - unixSeconds * 1000))} ago`;
}
