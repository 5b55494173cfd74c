// Which compose files to read and where the project directory is, like docker compose:
// -f (repeatable, "-" = stdin), else COMPOSE_FILE (split on COMPOSE_PATH_SEPARATOR or the OS
// separator), else compose.yaml & co. in the working directory or its nearest parent, plus
// the matching override file.
import { delimiter, dirname, join, resolve } from 'node:path';
import { NoConfigFileError } from '../errors.js';
import type { Inputs } from './inputs.js';

export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDES: Record<string, string[]> = {
  'compose.yaml': ['compose.override.yaml', 'compose.override.yml'],
  'compose.yml': ['compose.override.yml', 'compose.override.yaml'],
  'docker-compose.yml': ['docker-compose.override.yml', 'docker-compose.override.yaml'],
  'docker-compose.yaml': ['docker-compose.override.yaml', 'docker-compose.override.yml'],
};

export interface Discovered {
  readonly files: string[]; // absolute, or "-"
  readonly workingDir: string;
}

export class DiscoveryError extends Error {}

export function discoverFiles(
  explicit: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  projectDirectory: string | undefined,
  inputs: Inputs,
): Discovered {
  let files: string[] = [];
  if (explicit && explicit.length) {
    files = explicit.map((f) => (f === '-' ? '-' : resolve(cwd, f)));
  } else if (env.COMPOSE_FILE) {
    const sep = env.COMPOSE_PATH_SEPARATOR || delimiter;
    const base = projectDirectory ? resolve(cwd, projectDirectory) : cwd;
    files = env.COMPOSE_FILE.split(sep).filter(Boolean).map((f) => resolve(base, f));
  } else {
    const start = projectDirectory ? resolve(cwd, projectDirectory) : cwd;
    for (let dir = start; ; dir = dirname(dir)) {
      const found = DEFAULT_FILES.filter((f) => inputs.kind(join(dir, f)) === 'file');
      if (found.length) {
        const main = found[0]!;
        files = [join(dir, main)];
        const override = OVERRIDES[main]!.find((o) => inputs.kind(join(dir, o)) === 'file');
        if (override) files.push(join(dir, override));
        break;
      }
      if (dirname(dir) === dir || projectDirectory) break;
    }
    if (!files.length) {
      throw new NoConfigFileError(
        `no configuration file provided: not found (looked for ${DEFAULT_FILES.join(', ')} in ${start} and its parent directories)`,
      );
    }
  }
  for (const f of files) {
    if (f !== '-' && inputs.kind(f) === 'missing') throw new DiscoveryError(`open ${f}: no such file or directory`);
  }
  const first = files.find((f) => f !== '-');
  const workingDir = projectDirectory ? resolve(cwd, projectDirectory) : first ? dirname(first) : cwd;
  return { files, workingDir };
}

