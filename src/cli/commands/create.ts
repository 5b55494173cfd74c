import { Command, Option } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { collect, parseScale } from '../parse.js';

interface CreateFlags {
  build?: boolean;
  pull?: 'always' | 'missing' | 'never' | 'build';
  quietPull?: boolean;
  forceRecreate?: boolean;
  recreate?: boolean;
  removeOrphans?: boolean;
  scale?: string[];
  yes?: boolean;
}

export function register(program: Command): void {
  program
    .command('create')
    .description('create containers for services (without starting them)')
    .argument('[services...]', 'services to create (with their dependencies)')
    .option('--build', 'build images before creating containers')
    .option('--no-build', "don't build an image, even if it's missing")
    .addOption(new Option('--pull <policy>', 'pull images before creating').choices(['always', 'missing', 'never', 'build']))
    .option('--quiet-pull', 'pull without printing progress')
    .option('--force-recreate', 'recreate containers even if their configuration and image have not changed')
    .option('--no-recreate', "if containers already exist, don't recreate them")
    .option('--remove-orphans', 'remove containers for services not defined in the compose file')
    .option('--scale <service=num>', 'scale a service to a number of instances (repeatable)', collect)
    .option('-y, --yes', 'assume "yes" as answer to all prompts')
    .action(async (services: string[], flags: CreateFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { create } = await import('../../app/lifecycle.js');
        const result = await create(ctx, {
          services,
          dryRun: globals.dryRun,
          // --build and --no-build share commander's `build` key: true, false or unset.
          build: flags.build === true,
          noBuild: flags.build === false,
          pull: flags.pull,
          quietPull: flags.quietPull,
          forceRecreate: flags.forceRecreate,
          noRecreate: flags.recreate === false,
          removeOrphans: flags.removeOrphans,
          scale: parseScale(flags.scale),
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      }, { requiresFile: true });
    });
}
