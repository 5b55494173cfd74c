import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

interface RmFlags {
  force?: boolean;
  stop?: boolean;
  volumes?: boolean;
}

/** One line from stdin ('' at end of input). */
async function readLine(): Promise<string> {
  const { createInterface } = await import('node:readline'); // only when asking: not on every start-up
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/**
 * docker compose's confirmation: in a terminal "[y/N]" until answered; from a pipe the
 * question is printed and one line read, anything but a yes (or nothing at all) declines.
 */
async function confirm(names: readonly string[]): Promise<boolean> {
  const question = `Going to remove ${names.join(', ')}`;
  for (;;) {
    process.stdout.write(process.stdin.isTTY ? `${question} [y/N]: ` : `${question}\n`);
    const answer = (await readLine()).trim().toLowerCase();
    if (['y', 'yes', 'true', 't', '1'].includes(answer)) return true;
    if (!process.stdin.isTTY || ['', 'n', 'no'].includes(answer)) return false;
  }
}

export function register(program: Command): void {
  program
    .command('rm')
    .description('remove stopped service containers')
    .argument('[services...]', 'only these services')
    .option('-f, --force', "don't ask to confirm removal")
    .option('-s, --stop', 'stop the containers, if required, before removing')
    .option('-v, --volumes', 'remove any anonymous volumes attached to containers')
    .action(async (services: string[], flags: RmFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx }) => {
        const { remove } = await import('../../app/lifecycle.js');
        const result = await remove(ctx, {
          services,
          dryRun: globals.dryRun,
          stop: flags.stop,
          volumes: flags.volumes,
          confirm: flags.force || globals.dryRun
            ? async (names) => {
                process.stdout.write(`Going to remove ${names.join(', ')}\n`);
                return true;
              }
            : confirm,
        });
        if (globals.dryRun && result.names.length) process.stdout.write(result.text + '\n');
      });
    });
}
