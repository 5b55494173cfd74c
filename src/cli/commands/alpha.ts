import { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { UsageError } from '../../errors.js';

interface VizFlags {
  ports?: boolean;
  networks?: boolean;
  image?: boolean;
  indentationSize: string;
  spaces?: boolean;
}

export function register(program: Command): void {
  const alpha = program.command('alpha').description('experimental commands');
  alpha
    .command('viz')
    .description('EXPERIMENTAL: print the project as a graphviz graph')
    .option('--ports', "include each service's published ports")
    .option('--networks', "include each service's networks")
    .option('--image', "include each service's image")
    .option('--indentation-size <n>', 'tabs or spaces per indentation level', '1')
    .option('--spaces', 'indent with spaces instead of tabs')
    .action(async (flags: VizFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const size = Number(flags.indentationSize);
      if (!Number.isInteger(size) || size < 0) throw new UsageError(`invalid --indentation-size ${JSON.stringify(flags.indentationSize)}: use a whole number, 0 or more`);
      await withProject(globals, undefined, async ({ project }) => {
        const { viz } = await import('../../app/viz.js');
        process.stderr.write('viz command is EXPERIMENTAL\n');
        process.stdout.write(viz(project, { ports: flags.ports, networks: flags.networks, image: flags.image, indentation: (flags.spaces ? ' ' : '\t').repeat(size) }));
      }, { progress: false, requiresFile: true });
    });
}
