import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseIndex } from '../parse.js';

interface CpFlags {
  index?: string;
  archive?: boolean;
  followLink?: boolean;
}

export function register(program: Command): void {
  program
    .command('cp')
    .description('copy files/folders between a service container and the local filesystem')
    .argument('<source>', 'SERVICE:SRC_PATH, or a local path (- reads a tar stream from stdin)')
    .argument('<destination>', 'a local path (- writes a tar stream to stdout), or SERVICE:DEST_PATH')
    .option('--index <n>', 'index of the container if the service has several replicas')
    .option('-a, --archive', 'archive mode (copy all uid/gid information)')
    .option('-L, --follow-link', 'always follow a symbolic link given as the source')
    .action(async (source: string, destination: string, flags: CpFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { cp, parseCopyEnd } = await import('../../app/cp.js');
        await cp(ctx, {
          source: parseCopyEnd(source),
          destination: parseCopyEnd(destination),
          index: parseIndex(flags.index),
          archive: flags.archive,
          followLink: flags.followLink,
        });
      }, { progress: false });
    });
}
