// The interpolation environment: values from .env files (--env-file, COMPOSE_ENV_FILES, or
// <project dir>/.env), under the shell environment, which wins.
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { parseDotenv, DotenvError } from './dotenv.js';
import type { Inputs } from './inputs.js';

export function loadEnvFiles(
  explicit: readonly string[] | undefined,
  shell: Readonly<Record<string, string | undefined>>,
  cwd: string,
  projectDir: string,
  diags: Diagnostic[],
  inputs: Inputs,
): Record<string, string> {
  let files: string[];
  let required = true;
  if (explicit && explicit.length) files = explicit.map((f) => resolve(cwd, f));
  else if (shell.COMPOSE_ENV_FILES) files = shell.COMPOSE_ENV_FILES.split(',').filter(Boolean).map((f) => resolve(cwd, f));
  else {
    files = [join(projectDir, '.env')];
    required = false;
  }
  const values: Record<string, string> = {};
  for (const file of files) {
    if (inputs.kind(file) === 'missing') {
      if (required) diags.push({ message: `couldn't find env file: ${file}` });
      continue;
    }
    let text: string;
    try {
      text = inputs.read(file);
    } catch (e) {
      diags.push({ message: `cannot read env file ${file}: ${(e as Error).message}` });
      continue;
    }
    try {
      Object.assign(values, parseDotenv(text, (n) => shell[n] ?? values[n]));
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      diags.push({ message: `${e.message}`, location: { file, line: e.line, col: 1 } });
    }
  }
  const env: Record<string, string> = { ...values };
  for (const [k, v] of Object.entries(shell)) if (v !== undefined) env[k] = v;
  return env;
}
