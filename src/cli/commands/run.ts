import { Command, Option } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import { collect } from '../parse.js';
import { envFromFiles, envFromFlags, labelsFromFlags } from '../dev-options.js';

interface RunFlags {
  detach?: boolean;
  rm?: boolean;
  name?: string;
  entrypoint?: string;
  env?: string[];
  label?: string[];
  user?: string;
  workdir?: string;
  volume?: string[];
  publish?: string[];
  servicePorts?: boolean;
  useAliases?: boolean;
  TTY?: boolean;
  interactive?: boolean;
  build?: boolean;
  pull?: 'always' | 'missing' | 'never';
  deps?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  removeOrphans?: boolean;
  quietPull?: boolean;
  quietBuild?: boolean;
  envFromFile?: string[];
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run a one-off command on a service')
    .argument('<service>', 'service name')
    .argument('[command...]', 'command and its arguments (default: the service command)')
    .option('-d, --detach', 'run the container in the background and print its name')
    .option('--rm', 'remove the container when it exits')
    .option('--name <name>', 'name of the container')
    .option('--entrypoint <cmd>', "override the image's entrypoint")
    .option('-e, --env <KEY[=VAL]>', 'set an environment variable (repeatable)', collect)
    .option('--env-from-file <file>', 'set environment variables from a file of KEY=VAL lines (repeatable; -e wins)', collect)
    .option('-l, --label <KEY=VAL>', 'add or override a label (repeatable)', collect)
    .option('-u, --user <user>', 'run as this user')
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-v, --volume <volume>', 'bind mount a volume (repeatable)', collect)
    .option('-p, --publish <port>', "publish a container's port to the host (repeatable)", collect)
    .option('-P, --service-ports', "run with the service's ports published")
    .option('--use-aliases', "use the service's network aliases for the one-off container")
    .option('-T, --no-TTY', 'disable pseudo-TTY allocation (default: a TTY when stdin is a terminal)')
    .option('-i, --interactive', 'keep stdin open (default)', true)
    .option('--build', 'build the image before starting the container')
    .addOption(new Option('--pull <policy>', 'pull the image before running').choices(['always', 'missing', 'never']))
    .option('--no-deps', "don't start linked services")
    .option('--cap-add <cap>', 'add a Linux capability (repeatable)', collect)
    .option('--cap-drop <cap>', 'drop a Linux capability (repeatable)', collect)
    .option('--remove-orphans', 'remove containers for services not defined in the compose file')
    .option('--quiet-pull', 'pull without printing progress')
    .option('--quiet-build', 'build without printing the build output')
    .passThroughOptions()
    .action(async (service: string, command: string[], flags: RunFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, [service], async ({ ctx }) => {
        const { run } = await import('../../app/run.js');
        const { shellSplit } = await import('../../loader/shlex.js');
        const result = await run(ctx, {
          service,
          command,
          detach: flags.detach,
          rm: flags.rm,
          name: flags.name,
          entrypoint: flags.entrypoint === undefined ? undefined : shellSplit(flags.entrypoint),
          env: [...envFromFiles(flags.envFromFile), ...(envFromFlags(flags.env) ?? [])],
          labels: labelsFromFlags(flags.label),
          user: flags.user,
          workdir: flags.workdir,
          volumes: flags.volume,
          publish: flags.publish,
          servicePorts: flags.servicePorts,
          useAliases: flags.useAliases,
          tty: flags.TTY !== false && Boolean(process.stdin.isTTY),
          interactive: flags.interactive,
          noDeps: flags.deps === false,
          build: flags.build,
          pull: flags.pull,
          capAdd: flags.capAdd,
          capDrop: flags.capDrop,
          removeOrphans: flags.removeOrphans,
          quietPull: flags.quietPull,
          quietBuild: flags.quietBuild,
        });
        if (flags.detach) process.stdout.write(result.name + '\n');
        return result.exitCode ?? 0;
      }, { requiresFile: true });
    });
}
