// The plumbing every command shares: load the project, render progress, handle Ctrl-C,
// turn the outcome into an exit code.
import type { AppContext } from '../app/context.js';
import type { Project } from '../model/types.js';
import { InterruptedError, NoConfigFileError, UsageError } from '../errors.js';
import { ansiMode, parallelLimit, progressMode, projectOptions, type GlobalOptions } from './globals.js';
import { reportError } from './report.js';
import { loadCacheSettings } from './caches.js';

export interface Session {
  readonly ctx: AppContext;
  readonly project: Project;
  readonly globals: GlobalOptions;
  readonly signal: AbortSignal;
}

const isVerbose = (g: GlobalOptions): boolean => Boolean(g.verbose) || Boolean(process.env.DEBUG);

/** Runs a command body and exits with its code. */
export async function runCommand(globals: GlobalOptions, body: () => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await body()) ?? 0;
  } catch (err) {
    code = reportError(err, isVerbose(globals));
  }
  // Let buffered output reach a slow reader before exiting; a closed one cannot take it.
  await new Promise<void>((resolve) => {
    if (!process.stdout.writableNeedDrain) return resolve();
    process.stdout.once('drain', resolve).once('close', resolve).once('error', () => resolve());
  });
  process.exit(code);
}

/** First Ctrl-C aborts the work gracefully; a second one exits at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (): void => {
    count++;
    if (count === 1) {
      process.stderr.write('Gracefully stopping... (press Ctrl+C again to force)\n');
      controller.abort(new InterruptedError('interrupted'));
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

async function openProject(globals: GlobalOptions, services: readonly string[] | undefined, fromEngine: boolean): Promise<Project> {
  const options = projectOptions(globals, services);
  try {
    const cache = loadCacheSettings();
    if (cache) return await (await import('../loader/cache.js')).loadProjectCached(options, cache);
    return await (await import('../loader/index.js')).loadProject(options);
  } catch (err) {
    const name = globals.projectName ?? process.env.COMPOSE_PROJECT_NAME;
    if (!(err instanceof NoConfigFileError) || !fromEngine || !name) throw err;
    const { invalidProjectNameMessage, isValidProjectName } = await import('../loader/project-name.js');
    if (!isValidProjectName(name)) throw new UsageError(invalidProjectNameMessage(name));
    const { connectEngine } = await import('../engine/connect.js');
    const { projectFromEngine } = await import('../state/project-from-engine.js');
    return projectFromEngine(await connectEngine(), name, process.cwd());
  }
}

/** Loads the project and runs `body` with a context whose progress is rendered as asked. */
export async function withProject(
  globals: GlobalOptions,
  services: readonly string[] | undefined,
  body: (s: Session) => Promise<number | void>,
  options: {
    readonly progress?: boolean;
    /**
     * The command needs the compose file itself (up, create, run, build, …). Otherwise, with
     * -p NAME and no compose file, it works on what the engine has for NAME, like docker compose.
     */
    readonly requiresFile?: boolean;
  } = {},
): Promise<never> {
  return runCommand(globals, async () => {
    const { createContext } = await import('../app/context.js');
    const { createProgress } = await import('../ui/progress.js');
    const project = await openProject(globals, services, !options.requiresFile);
    const progress = await createProgress(options.progress === false ? 'quiet' : progressMode(globals), ansiMode(globals));
    const signal = interruptSignal();
    const ctx = createContext(project, { sink: progress.sink, parallel: parallelLimit(globals), signal });
    try {
      return await body({ ctx, project, globals, signal });
    } finally {
      await progress.close();
    }
  });
}
