import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { runCommand } from '../session.js';
import { UsageError } from '../../errors.js';

export function register(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash or zsh)')
    .argument('<shell>', 'bash or zsh')
    .action(async (shell: string, _flags: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(globals, async () => {
        const { bashCompletion, zshCompletion } = await import('../completion.js');
        if (shell === 'bash') process.stdout.write(bashCompletion(program));
        else if (shell === 'zsh') process.stdout.write(zshCompletion(program));
        else throw new UsageError(`unsupported shell ${JSON.stringify(shell)}: use bash or zsh`);
      });
    });
}
