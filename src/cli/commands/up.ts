import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { collect, parseScale, parseTimeout } from '../parse.js';

interface UpFlags {
  detach?: boolean;
  build?: boolean;
  noBuild?: boolean;
  pull?: 'always' | 'missing' | 'never';
  quietPull?: boolean;
  quietBuild?: boolean;
  forceRecreate?: boolean;
  recreate?: boolean;
  alwaysRecreateDeps?: boolean;
  deps?: boolean;
  start?: boolean;
  scale?: string[];
  removeOrphans?: boolean;
  renewAnonVolumes?: boolean;
  timeout?: string;
  wait?: boolean;
  waitTimeout?: string;
}

export function register(program: Command): void {
  program
    .command('up')
    .description('create and start containers')
    .argument('[services...]', 'services to start (with their dependencies)')
    .option('-d, --detach', 'run containers in the background')
    .option('--build', 'build images before starting containers')
    .option('--no-build', "don't build an image, even if it's missing")
    .addOption(new Option('--pull <policy>', 'pull images before running').choices(['always', 'missing', 'never']))
    .option('--quiet-pull', 'pull without printing progress')
    .option('--quiet-build', 'build without printing the build output')
    .option('--force-recreate', 'recreate containers even if their configuration and image have not changed')
    .option('--no-recreate', "if containers already exist, don't recreate them")
    .option('--always-recreate-deps', 'recreate dependent containers')
    .option('--no-deps', "don't start linked services")
    .option('--no-start', "don't start the services after creating them")
    .option('--scale <service=num>', 'scale a service to a number of instances (repeatable)', collect)
    .option('--remove-orphans', 'remove containers for services not defined in the compose file')
    .option('-V, --renew-anon-volumes', 'recreate anonymous volumes instead of keeping their data')
    .option('-t, --timeout <seconds>', 'shutdown timeout in seconds when containers are replaced')
    .option('--wait', 'wait for services to be running or healthy (implies --detach)')
    .option('--wait-timeout <seconds>', 'maximum time to wait for services with --wait')
    .action(async (services: string[], flags: UpFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        if (!flags.detach && !flags.wait && !globals.dryRun) {
          throw new UsageError('attached mode is not available yet: use `tcompose up -d` (then `tcompose logs -f`)');
        }
        const { up } = await import('../../app/up.js');
        const result = await up(ctx, {
          services,
          dryRun: globals.dryRun,
          // --build and --no-build share commander's `build` key: true, false or unset.
          build: flags.build === true,
          noBuild: flags.build === false,
          pull: flags.pull,
          quietPull: flags.quietPull,
          quietBuild: flags.quietBuild,
          forceRecreate: flags.forceRecreate,
          noRecreate: flags.recreate === false,
          alwaysRecreateDeps: flags.alwaysRecreateDeps,
          noDeps: flags.deps === false,
          noStart: flags.start === false,
          scale: parseScale(flags.scale),
          removeOrphans: flags.removeOrphans ?? envFlag('COMPOSE_REMOVE_ORPHANS'),
          renewAnonVolumes: flags.renewAnonVolumes,
          timeout: parseTimeout(flags.timeout),
          wait: flags.wait,
          waitTimeoutMs: flags.waitTimeout === undefined ? undefined : parseTimeout(flags.waitTimeout)! * 1000,
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
      });
    });
}

const envFlag = (name: string): boolean | undefined => {
  const v = process.env[name];
  return v === undefined ? undefined : ['1', 'true', 'yes'].includes(v.toLowerCase());
};
