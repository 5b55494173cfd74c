import { Command, Option } from 'commander';
import { projectOptions, type GlobalOptions } from '../globals.js';
import { runCommand } from '../session.js';

interface ConfigFlags {
  format?: 'yaml' | 'json';
  quiet?: boolean;
  services?: boolean;
  volumes?: boolean;
  networks?: boolean;
  profiles?: boolean;
  images?: boolean;
  hash?: string;
  interpolate?: boolean;
  normalize?: boolean;
  resolveImageDigests?: boolean;
  variables?: boolean;
  output?: string;
}

export function register(program: Command): void {
  program
    .command('config')
    .alias('convert')
    .description('parse, resolve and render the compose file in canonical format')
    .argument('[services...]', 'only these services')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-q, --quiet', 'only validate the configuration, print nothing')
    .option('--services', 'print the service names, one per line')
    .option('--volumes', 'print the volume names, one per line')
    .option('--networks', 'print the network names, one per line')
    .option('--profiles', 'print the profile names, one per line')
    .option('--images', 'print the image names, one per line')
    .option('--hash <service>', 'print the config hash of a service ("*" for all)')
    .option('--no-interpolate', "don't interpolate environment variables")
    .option('--no-normalize', "don't normalize the compose model")
    .option('--resolve-image-digests', 'pin image tags to digests (needs the engine)')
    .option('--variables', 'print the model variables and their default values')
    .option('-o, --output <file>', 'save to a file instead of printing')
    .action(async (services: string[], flags: ConfigFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(globals, async () => {
        const { configCommand } = await import('../../app/config.js');
        const engine = flags.resolveImageDigests ? await (await import('../../engine/connect.js')).connectEngine() : undefined;
        const text = await configCommand(projectOptions(globals, services), {
          format: flags.format,
          quiet: flags.quiet,
          services: flags.services,
          volumes: flags.volumes,
          networks: flags.networks,
          profiles: flags.profiles,
          images: flags.images,
          hash: flags.hash,
          noInterpolate: flags.interpolate === false,
          noNormalize: flags.normalize === false,
          resolveImageDigests: flags.resolveImageDigests,
          variables: flags.variables,
          engine,
          output: flags.output,
        });
        process.stdout.write(text);
      });
    });
}
