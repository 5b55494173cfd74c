// The options `up` and `create` share: how images are got and when containers are recreated.
import { Option, type Command } from 'commander';
import type { UpRequest } from '../app/up.js';
import { collect, parseScale } from './parse.js';

export interface ConvergeFlags {
  build?: boolean; // --build (true) and --no-build (false) share commander's key
  pull?: 'always' | 'missing' | 'never' | 'build';
  quietPull?: boolean;
  forceRecreate?: boolean;
  recreate?: boolean; // --no-recreate
  removeOrphans?: boolean;
  scale?: string[];
  yes?: boolean;
}

/** `pullBuild`: --pull also takes `build` (docker compose create has it; up documents only always|missing|never). */
export function addConvergeOptions(cmd: Command, options: { readonly pullBuild?: boolean } = {}): Command {
  const policies = ['always', 'missing', 'never', ...(options.pullBuild ? ['build'] : [])];
  return cmd
    .option('--build', 'build images before starting containers')
    .option('--no-build', "don't build an image, even if it's missing")
    .addOption(new Option('--pull <policy>', 'pull images before running').choices(policies))
    .option('--quiet-pull', 'pull without printing progress')
    .option('--force-recreate', 'recreate containers even if their configuration and image have not changed')
    .option('--no-recreate', "if containers already exist, don't recreate them")
    .option('--remove-orphans', 'remove containers for services not defined in the compose file')
    .option('--scale <service=num>', 'scale a service to a number of instances (repeatable)', collect)
    .option('-y, --yes', 'answer yes to what docker compose asks: recreate a volume whose settings changed (its data is lost)');
}

/** COMPOSE_REMOVE_ORPHANS=1 does what --remove-orphans does, as in docker compose. */
const envFlag = (name: string): boolean | undefined => {
  const v = process.env[name];
  return v === undefined ? undefined : ['1', 'true', 'yes'].includes(v.toLowerCase());
};

export function convergeRequest(flags: ConvergeFlags): UpRequest {
  return {
    build: flags.build === true,
    noBuild: flags.build === false,
    pull: flags.pull,
    quietPull: flags.quietPull,
    forceRecreate: flags.forceRecreate,
    noRecreate: flags.recreate === false,
    removeOrphans: flags.removeOrphans ?? envFlag('COMPOSE_REMOVE_ORPHANS'),
    scale: parseScale(flags.scale),
    recreateVolumes: flags.yes === true,
  };
}
