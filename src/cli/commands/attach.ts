import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseIndex } from '../dev-options.js';

interface AttachFlags {
  index?: string;
  stdin?: boolean;
  sigProxy?: boolean | string;
  detachKeys?: string;
}

export function register(program: Command): void {
  program
    .command('attach')
    .description("attach local standard input, output and error streams to a service's running container")
    .argument('<service>', 'service name')
    .option('--index <n>', 'index of the container if the service has several replicas')
    .option('--no-stdin', "don't attach stdin")
    .option('--sig-proxy [bool]', 'proxy received signals to the process (default true)')
    .option('--detach-keys <keys>', 'key sequence for detaching from the container')
    .action(async (service: string, flags: AttachFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { attach } = await import('../../app/attach-cmd.js');
        return attach(ctx, {
          service,
          index: parseIndex(flags.index),
          stdin: flags.stdin,
          sigProxy: flags.sigProxy === undefined ? true : flags.sigProxy === true || flags.sigProxy === 'true',
          detachKeys: flags.detachKeys,
        });
      }, { progress: false });
    });
}
