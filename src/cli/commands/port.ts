import { Command, Option } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { parseIndex } from '../parse.js';
import { UsageError } from '../../errors.js';

export function register(program: Command): void {
  program
    .command('port')
    .description('print the public port for a port binding')
    .argument('<service>', 'service name')
    .argument('<private_port>', 'container port')
    .addOption(new Option('--protocol <protocol>', 'tcp, udp or sctp').choices(['tcp', 'udp', 'sctp']).default('tcp'))
    .option('--index <n>', 'index of the container if the service has several replicas')
    .action(async (service: string, privatePort: string, flags: { protocol: string; index?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const n = Number(privatePort);
        if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`invalid port ${JSON.stringify(privatePort)}: use a number from 1 to 65535`);
        const { port } = await import('../../app/port.js');
        process.stdout.write((await port(ctx, { service, privatePort: n, protocol: flags.protocol, index: parseIndex(flags.index) })) + '\n');
      }, { progress: false });
    });
}
