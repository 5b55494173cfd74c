// Global options (before the command), as docker compose has them, and what they become.
import type { ProjectOptions } from '../loader/options.js';
import type { ProgressMode } from '../ui/progress.js';
import type { AnsiMode } from '../ui/ansi.js';
import { UsageError } from '../errors.js';

export interface GlobalOptions {
  readonly file?: string[];
  readonly projectName?: string;
  readonly projectDirectory?: string;
  readonly envFile?: string[];
  readonly profile?: string[];
  readonly parallel?: string;
  readonly progress?: string;
  readonly ansi?: string;
  readonly dryRun?: boolean;
  readonly verbose?: boolean;
}

const progressModes = ['auto', 'tty', 'plain', 'json', 'quiet'];
const ansiModes = ['auto', 'always', 'never'];

export function projectOptions(g: GlobalOptions, services?: readonly string[]): ProjectOptions {
  return {
    files: g.file,
    projectName: g.projectName,
    projectDirectory: g.projectDirectory,
    envFiles: g.envFile,
    profiles: g.profile,
    services,
    onWarning: (m) => process.stderr.write(`WARN ${m}\n`),
  };
}

export function progressMode(g: GlobalOptions): ProgressMode {
  const mode = g.progress ?? 'auto';
  if (!progressModes.includes(mode)) throw new UsageError(`invalid --progress value ${JSON.stringify(mode)}: use one of ${progressModes.join(', ')}`);
  return mode as ProgressMode;
}

export function ansiMode(g: GlobalOptions): AnsiMode {
  const mode = g.ansi ?? 'auto';
  if (!ansiModes.includes(mode)) throw new UsageError(`invalid --ansi value ${JSON.stringify(mode)}: use one of ${ansiModes.join(', ')}`);
  return mode as AnsiMode;
}

/** --parallel, else COMPOSE_PARALLEL_LIMIT; -1 or absent = unbounded. */
export function parallelLimit(g: GlobalOptions, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = g.parallel ?? env.COMPOSE_PARALLEL_LIMIT;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n === 0 || n < -1) throw new UsageError(`invalid parallel limit ${JSON.stringify(raw)}: use a positive whole number, or -1 for no limit`);
  return n === -1 ? undefined : n;
}
