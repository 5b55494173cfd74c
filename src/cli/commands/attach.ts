import { Option, type Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseBool, parseIndex } from '../parse.js';

interface AttachFlags {
  index?: string;
  stdin?: boolean;
  sigProxy?: boolean;
  detachKeys?: string;
}

export function register(program: Command): void {
  program
    .command('attach')
    .description("attach local standard input, output and error streams to a service's running container")
    .argument('<service>', 'service name')
    .option('--index <n>', 'index of the container if the service has several replicas')
    .option('--no-stdin', "don't attach stdin")
    .addOption(new Option('--sig-proxy [bool]', 'proxy received signals to the process (default true)').argParser(parseBool))
    .option('--detach-keys <keys>', 'key sequence for detaching from the container')
    .action(async (service: string, flags: AttachFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { attach } = await import('../../app/attach-cmd.js');
        return attach(ctx, {
          service,
          index: parseIndex(flags.index),
          stdin: flags.stdin,
          sigProxy: flags.sigProxy ?? true,
          detachKeys: flags.detachKeys,
        });
      }, { progress: false });
    });
}
