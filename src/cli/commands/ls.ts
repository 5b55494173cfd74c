import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { runCommand } from '../session.js';
import { collect, parseFormat } from '../parse.js';
import { formatTable } from '../table.js';
import { UsageError } from '../../errors.js';

interface LsFlags {
  all?: boolean;
  quiet?: boolean;
  filter?: string[];
  format?: string;
}

export function register(program: Command): void {
  program
    .command('ls')
    .description('list running compose projects')
    .option('-a, --all', 'show all stopped compose projects')
    .option('-q, --quiet', 'only display project names')
    .option('--filter <filter>', 'filter output based on conditions provided (name=…)', collect)
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: LsFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(globals, async () => {
        const format = parseFormat(flags.format, ['table', 'json'] as const, 'table');
        let name: string | undefined;
        for (const f of flags.filter ?? []) {
          const m = /^name=(.*)$/.exec(f);
          if (!m) throw new UsageError(`invalid --filter ${JSON.stringify(f)}: only name=<name> is supported`);
          name = m[1];
        }
        const { connectEngine } = await import('../../engine/connect.js');
        const { ls } = await import('../../app/ls.js');
        const projects = await ls(await connectEngine(), { all: flags.all, name });
        const out = process.stdout;
        if (flags.quiet) for (const p of projects) out.write(p.name + '\n');
        else if (format === 'json') out.write(JSON.stringify(projects.map((p) => ({ Name: p.name, Status: p.status, ConfigFiles: p.configFiles }))) + '\n');
        else out.write(formatTable(['NAME', 'STATUS', 'CONFIG FILES'], projects.map((p) => [p.name, p.status, p.configFiles])));
      });
    });
}
