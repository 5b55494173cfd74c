import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { addConvergeOptions, convergeRequest, type ConvergeFlags } from '../converge-options.js';

type CreateFlags = ConvergeFlags;

export function register(program: Command): void {
  const create = program
    .command('create')
    .description('create containers for services (without starting them)')
    .argument('[services...]', 'services to create (with their dependencies)');
  addConvergeOptions(create, { pullBuild: true })
    .action(async (services: string[], flags: CreateFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { create: createContainers } = await import('../../app/lifecycle.js');
        const result = await createContainers(ctx, { ...convergeRequest(flags), services, dryRun: globals.dryRun });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      }, { requiresFile: true });
    });
}
