// The command-line program: global options and every command. Command modules only declare
// options; each imports its use case when it runs.
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { ExitCode } from '../errors.js';
import { commands } from './commands/index.js';
import { collect } from './parse.js';

/** Global options; docker compose accepts them after the command name too. */
function globalOptions(): Option[] {
  return [
    new Option('-f, --file <file>', 'compose configuration file (repeatable)').argParser(collect),
    new Option('-p, --project-name <name>', 'project name'),
    new Option('--project-directory <dir>', 'alternate working directory (default: the directory of the first compose file)'),
    new Option('--env-file <file>', 'alternate environment file (repeatable)').argParser(collect),
    new Option('--profile <profile>', 'profile to enable (repeatable)').argParser(collect),
    new Option('--parallel <n>', 'maximum engine operations at once (-1: no limit)'),
    new Option('--progress <mode>', 'progress output').choices(['auto', 'tty', 'plain', 'json', 'quiet']),
    new Option('--ansi <when>', 'control characters in output').choices(['never', 'always', 'auto']),
    new Option('--dry-run', 'show what would change without changing anything'),
    new Option('--verbose', 'show stack traces and engine details on errors'),
  ];
}

export function buildProgram(): Command {
  const program = new Command('tcompose')
    .description('Define and run multi-container applications with Docker')
    .version(`tcompose version ${VERSION}`, '-v, --version', 'show the tcompose version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true);
  for (const o of globalOptions()) program.addOption(o);
  program.exitOverride();
  for (const register of commands) register(program);
  for (const sub of program.commands) {
    sub.exitOverride();
    for (const o of globalOptions()) if (!sub.options.some((x) => x.long === o.long)) sub.addOption(o.hideHelp());
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      process.exit(ok ? ExitCode.ok : ExitCode.usage);
    }
    throw err;
  }
}
