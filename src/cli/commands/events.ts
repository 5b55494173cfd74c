import type { Command } from 'commander';
import type { GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';

export function register(program: Command): void {
  program
    .command('events')
    .description('receive real time events from containers')
    .argument('[services...]', 'only these services')
    .option('--json', 'output events as a stream of JSON objects')
    .action(async (services: string[], flags: { json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, undefined, async ({ ctx }) => {
        const { events, formatEvent } = await import('../../app/events.js');
        const { checkService } = await import('../../app/service-containers.js');
        for (const s of services) checkService(ctx.project, s);
        for await (const e of events(ctx, { services })) process.stdout.write((flags.json ? JSON.stringify(e) : formatEvent(e)) + '\n');
        // Ctrl-C ends the stream: that is how events is meant to stop.
        return 0;
      }, { progress: false });
    });
}
