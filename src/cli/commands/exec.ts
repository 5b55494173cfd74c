import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { envFromFlags } from '../dev-options.js';
import { collect, parseIndex } from '../parse.js';

interface ExecFlags {
  detach?: boolean;
  env?: string[];
  user?: string;
  workdir?: string;
  privileged?: boolean;
  index?: string;
  tty?: boolean;
  interactive?: boolean;
}

export function register(program: Command): void {
  program
    .command('exec')
    .description('execute a command in a running container')
    .argument('<service>', 'service name')
    .argument('<command...>', 'command and its arguments')
    .option('-d, --detach', 'run the command in the background')
    .option('-e, --env <KEY[=VAL]>', 'set an environment variable (repeatable)', collect)
    .option('-u, --user <user>', 'run the command as this user')
    .option('-w, --workdir <dir>', 'working directory of the command')
    .option('--privileged', 'give extended privileges to the process')
    .option('--index <n>', 'index of the container if the service has several replicas')
    .option('-T, --no-TTY', 'disable pseudo-TTY allocation (default: a TTY when stdin is a terminal)')
    .option('-i, --interactive', 'keep stdin open (default)', true)
    .passThroughOptions()
    .action(async (service: string, command: string[], flags: ExecFlags & { TTY?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { exec } = await import('../../app/exec.js');
        return exec(ctx, {
          service,
          command,
          index: parseIndex(flags.index),
          detach: flags.detach,
          tty: flags.TTY !== false && Boolean(process.stdin.isTTY),
          interactive: flags.interactive,
          env: envFromFlags(flags.env),
          user: flags.user,
          workdir: flags.workdir,
          privileged: flags.privileged,
        });
      }, { progress: false });
    });
}
