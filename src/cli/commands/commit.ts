import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { collect, parseIndex } from '../parse.js';

interface CommitFlags {
  author?: string;
  change?: string[];
  message?: string;
  pause?: boolean;
  index?: string;
}

export function register(program: Command): void {
  program
    .command('commit')
    .description("create a new image from a service container's changes")
    .argument('<service>', 'service name')
    .argument('[reference]', 'REPOSITORY[:TAG] for the new image')
    .option('-a, --author <author>', 'author (e.g. "John Hannibal Smith <hannibal@a-team.com>")')
    .option('-c, --change <instruction>', 'apply a Dockerfile instruction to the image (repeatable)', collect)
    .option('-m, --message <message>', 'commit message')
    .option('-p, --pause', 'pause the container during the commit (default)', true)
    .option('--no-pause', "don't pause the container during the commit")
    .option('--index <n>', 'index of the container if the service has several replicas')
    .action(async (service: string, reference: string | undefined, flags: CommitFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { commit } = await import('../../app/commit.js');
        const id = await commit(ctx, {
          service,
          reference,
          index: parseIndex(flags.index),
          author: flags.author,
          message: flags.message,
          changes: flags.change,
          pause: flags.pause !== false,
        });
        process.stdout.write(id + '\n');
      }, { progress: false });
    });
}
