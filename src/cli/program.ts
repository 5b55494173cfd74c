// The command-line program: global options and every command. Command modules only declare
// options; each imports its use case when it runs.
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { ExitCode, TcomposeError } from '../errors.js';
import { commands } from './commands/index.js';
import { collect } from './parse.js';

interface GlobalSpec {
  readonly short?: string;
  readonly long: string;
  readonly arg?: string;
  readonly description: string;
  readonly repeatable?: boolean;
  readonly choices?: readonly string[];
}

const globalSpecs: readonly GlobalSpec[] = [
  { short: '-f', long: '--file', arg: '<file>', description: 'compose configuration file (repeatable)', repeatable: true },
  { short: '-p', long: '--project-name', arg: '<name>', description: 'project name' },
  { long: '--project-directory', arg: '<dir>', description: 'alternate working directory (default: the directory of the first compose file)' },
  { long: '--env-file', arg: '<file>', description: 'alternate environment file (repeatable)', repeatable: true },
  { long: '--profile', arg: '<profile>', description: 'profile to enable (repeatable)', repeatable: true },
  { long: '--parallel', arg: '<n>', description: 'maximum engine operations at once (-1: no limit)' },
  { long: '--progress', arg: '<mode>', description: 'progress output', choices: ['auto', 'tty', 'plain', 'json', 'quiet'] },
  { long: '--ansi', arg: '<when>', description: 'control characters in output', choices: ['never', 'always', 'auto'] },
  { long: '--dry-run', description: 'show what would change without changing anything' },
  { long: '--verbose', description: 'show stack traces and engine details on errors' },
];

/** A global option; without its short flag where a command uses that letter itself (rm -f). */
function globalOption(spec: GlobalSpec, withShort = true): Option {
  const flags = `${withShort && spec.short ? `${spec.short}, ` : ''}${spec.long}${spec.arg ? ` ${spec.arg}` : ''}`;
  const o = new Option(flags, spec.description);
  if (spec.repeatable) o.argParser(collect);
  if (spec.choices) o.choices(spec.choices);
  return o;
}

export function buildProgram(): Command {
  const program = new Command('tcompose')
    .description('Define and run multi-container applications with Docker')
    .version(`tcompose version ${VERSION}`, '-v, --version', 'show the tcompose version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true);
  for (const spec of globalSpecs) program.addOption(globalOption(spec));
  program.exitOverride();
  for (const register of commands) register(program);
  // docker compose accepts global options after the command name too. They are added to the
  // command that runs only, just before it parses (with its exitOverride): to all 35 it would
  // cost every start ~5 ms.
  const mirrorGlobals = (_parent: Command, sub: Command): void => {
    sub.exitOverride();
    for (const spec of globalSpecs) {
      if (sub.options.some((x) => x.long === spec.long)) continue;
      const shortTaken = spec.short !== undefined && sub.options.some((x) => x.short === spec.short);
      sub.addOption(globalOption(spec, !shortTaken).hideHelp());
    }
    // A command with commands of its own (alpha viz): the same for the one that runs.
    if (sub.commands.length) sub.hook('preSubcommand', mirrorGlobals);
  };
  program.hook('preSubcommand', mirrorGlobals);
  return program;
}

let commandNames: ReadonlySet<string> = new Set();

/** Whether `name` is one of the program's commands or aliases (after main() built it). */
export function isCommand(name: string): boolean {
  return commandNames.has(name);
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  commandNames = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      process.exit(ok ? ExitCode.ok : ExitCode.usage);
    }
    // A value parser (parse.ts) or a check made before the command body ran: our message and
    // exit code, never a stack trace.
    if (err instanceof TcomposeError) {
      const { reportError } = await import('./report.js');
      process.exit(reportError(err, argv.includes('--verbose') || Boolean(process.env.DEBUG)));
    }
    throw err;
  }
}
