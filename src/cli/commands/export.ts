import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseIndex } from '../parse.js';

interface ExportFlags {
  output?: string;
  index?: string;
}

export function register(program: Command): void {
  program
    .command('export')
    .description("export a service container's filesystem as a tar archive")
    .argument('<service>', 'service name')
    .option('-o, --output <file>', 'write to a file instead of STDOUT')
    .option('--index <n>', 'index of the container if the service has several replicas')
    .action(async (service: string, flags: ExportFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        // Binary on a terminal helps no one, as docker says.
        if (!flags.output && process.stdout.isTTY) throw new UsageError('refusing to write a tar archive to a terminal: use -o FILE or redirect the output');
        const { exportContainer } = await import('../../app/export.js');
        await exportContainer(ctx, { service, index: parseIndex(flags.index), output: flags.output, stdout: process.stdout });
      }, { progress: false });
    });
}
