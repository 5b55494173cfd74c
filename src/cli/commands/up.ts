import { checkServices } from '../../graph/services.js';
import { Command, Option } from 'commander';
import { InterruptedError, UsageError } from '../../errors.js';
import { ansiMode, progressMode, type GlobalOptions } from '../globals.js';
import { withProject } from '../session.js';
import type { AppContext } from '../../app/context.js';
import type { Watching } from '../../app/watch.js';
import type { ProgressMode } from '../../ui/progress.js';
import { collect, parseTimeout } from '../parse.js';
import { addConvergeOptions, convergeRequest, type ConvergeFlags } from '../converge-options.js';

interface UpFlags extends ConvergeFlags {
  detach?: boolean;
  quietBuild?: boolean;
  alwaysRecreateDeps?: boolean;
  deps?: boolean;
  start?: boolean;
  renewAnonVolumes?: boolean;
  timeout?: string;
  wait?: boolean;
  waitTimeout?: string;
  attach?: string[];
  noAttach?: string[];
  attachDependencies?: boolean;
  abortOnContainerExit?: boolean;
  abortOnContainerFailure?: boolean;
  exitCodeFrom?: string;
  color?: boolean;
  logPrefix?: boolean;
  timestamps?: boolean;
  watch?: boolean;
}

/** --no-attach takes a value; commander would read a `--no-` option as a negation. */
function noAttachOption(): Option {
  const o = new Option('--no-attach <service>', "don't attach to this service's output (repeatable)").argParser(collect);
  o.negate = false;
  return o;
}

export function register(program: Command): void {
  const up = program
    .command('up')
    .description('create and start containers')
    .argument('[services...]', 'services to start (with their dependencies)')
    .option('-d, --detach', 'run containers in the background');
  addConvergeOptions(up)
    .option('--quiet-build', 'build without printing the build output')
    .option('--always-recreate-deps', 'recreate dependent containers')
    .option('--no-deps', "don't start linked services")
    .option('--no-start', "don't start the services after creating them")
    .option('-V, --renew-anon-volumes', 'recreate anonymous volumes instead of keeping their data')
    .option('-t, --timeout <seconds>', 'shutdown timeout in seconds when containers are replaced')
    .option('--wait', 'wait for services to be running or healthy (implies --detach)')
    .option('--wait-timeout <seconds>', 'maximum time to wait for services with --wait')
    .option('--attach <service>', "only attach to this service's output (repeatable)", collect)
    .addOption(noAttachOption())
    .option('--attach-dependencies', 'also attach to the output of the services they depend on')
    .option('--abort-on-container-exit', 'stop all containers if any container stops')
    .option('--abort-on-container-failure', 'stop all containers if any container exits with a failure')
    .option('--exit-code-from <service>', "return this service's exit code (implies --abort-on-container-exit)")
    .option('--no-color', 'produce monochrome output')
    .option('--no-log-prefix', "don't print the prefix in logs")
    .option('--timestamps', 'show timestamps')
    .option('-w, --watch', 'watch source code and sync, restart or rebuild services when files change (develop.watch)')
    .action(async (services: string[], flags: UpFlags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      await withProject(globals, services, async ({ ctx: session, project }) => {
        let ctx = session;
        const attached = !flags.detach && !flags.wait && !globals.dryRun;
        const aborting = flags.abortOnContainerExit || flags.abortOnContainerFailure || flags.exitCodeFrom;
        if (aborting && !attached && !globals.dryRun) throw new UsageError('--abort-on-container-exit, --abort-on-container-failure and --exit-code-from need attached mode: drop -d / --wait');
        if (flags.abortOnContainerExit && flags.abortOnContainerFailure) throw new UsageError('--abort-on-container-exit and --abort-on-container-failure cannot be combined');
        checkServices(project, [...(flags.attach ?? []), ...(flags.noAttach ?? []), ...(flags.exitCodeFrom ? [flags.exitCodeFrom] : [])]);
        const startedAfter = Date.now() / 1000;
        const { up } = await import('../../app/up.js');
        const result = await up(ctx, {
          ...convergeRequest(flags),
          services,
          dryRun: globals.dryRun,
          quietBuild: flags.quietBuild,
          alwaysRecreateDeps: flags.alwaysRecreateDeps,
          noDeps: flags.deps === false,
          noStart: flags.start === false,
          renewAnonVolumes: flags.renewAnonVolumes,
          timeout: parseTimeout(flags.timeout),
          wait: flags.wait,
          waitTimeoutMs: flags.waitTimeout === undefined ? undefined : parseTimeout(flags.waitTimeout)! * 1000,
        });
        if (globals.dryRun) process.stdout.write(result.text + '\n');
        if (attached) {
          // Logs stream to the terminal from here on: what progress comes next (a --watch
          // rebuild, the stop on Ctrl-C or abort) is printed as lines, never redrawn over them.
          // (Line renderers have nothing to flush: no close needed.)
          const { createProgress } = await import('../../ui/progress.js');
          ctx = { ...ctx, sink: (await createProgress(linesMode(progressMode(globals)), ansiMode(globals))).sink };
        }
        // --watch: follow develop.watch alongside the attached logs, or until Ctrl-C when detached.
        const watching = flags.watch && !globals.dryRun ? await startWatching(ctx, services) : undefined;
        if (!attached) return watching?.done;
        const [{ attachedUp }, { selectServices }, { createLogPrinter }] = await Promise.all([import('../../app/attach.js'), import('../../plan/up.js'), import('./logs.js')]);
        // A Ctrl-C pressed while converging ends here, before attaching.
        if (ctx.signal?.aborted) throw new InterruptedError('interrupted');
        const { stop, kill } = takeOverInterrupts();
        const printer = await createLogPrinter(project, globals, flags, services);
        const attachFrom = (since: number): Promise<number> => attachedUp(
          ctx,
          {
            services,
            attach: flags.attach,
            noAttach: flags.noAttach,
            attachDependencies: flags.attachDependencies,
            abortOnExit: flags.abortOnContainerExit,
            abortOnFailure: flags.abortOnContainerFailure,
            exitCodeFrom: flags.exitCodeFrom,
            startedAfter: since,
            upServices: selectServices(project, { services, noDeps: flags.deps === false }),
            timeout: parseTimeout(flags.timeout),
            stop,
            kill,
          },
          (batch) => printer.write(batch),
        );
        let code = await attachFrom(startedAfter);
        // A rebuild or restart by --watch stops the attached containers: follow their successors.
        for (let t = Date.now() / 1000; watching && !stop.aborted && (await watching.replaced()); t = Date.now() / 1000) code = await attachFrom(t);
        watching?.stop();
        await watching?.done;
        return code;
      }, { requiresFile: true });
    });
}

async function startWatching(ctx: AppContext, services: string[]): Promise<Watching> {
  const { startWatch } = await import('../../app/watch.js');
  return startWatch(ctx, {
    services,
    noUp: true,
    lenient: true,
    log: (line) => process.stdout.write(line + '\n'),
    onError: (message) => process.stderr.write(message + '\n'),
  });
}

/** The progress mode while logs stream: json and quiet as asked, anything else plain lines. */
export function linesMode(mode: ProgressMode): ProgressMode {
  return mode === 'json' || mode === 'quiet' ? mode : 'plain';
}

/** After converging, Ctrl-C means: first stop the containers gracefully, then kill them. */
function takeOverInterrupts(): { stop: AbortSignal; kill: AbortSignal } {
  const stop = new AbortController();
  const kill = new AbortController();
  let count = 0;
  // The session's handler would exit on the second Ctrl-C before the kill has been sent.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(sig);
    process.on(sig, () => {
      count++;
      if (count === 1) {
        process.stderr.write('Gracefully stopping... (press Ctrl+C again to force)\n');
        stop.abort();
      } else if (count === 2) {
        process.stderr.write('Killing containers...\n');
        kill.abort();
      } else process.exit(130);
    });
  }
  return { stop: stop.signal, kill: kill.signal };
}

