import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject, type ProjectOptions } from '../../../src/loader/index.js';
import { ConfigError, type Diagnostic } from '../../../src/errors.js';
import type { Project } from '../../../src/model/types.js';

/** Writes files into a fresh directory named `proj` and returns its path. */
export function writeProject(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tc-loader-')), 'proj');
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

export interface Loaded {
  project: Project;
  warnings: string[];
  dir: string;
}

export async function load(files: Record<string, string> | string, options: Partial<ProjectOptions> = {}): Promise<Loaded> {
  const dir = writeProject(typeof files === 'string' ? { 'compose.yaml': files } : files);
  const warnings: string[] = [];
  const project = await loadProject({ cwd: dir, environment: {}, onWarning: (w) => warnings.push(w), ...options });
  return { project, warnings, dir };
}

/** Loads and expects a ConfigError; returns its diagnostics as "line:col message" strings (+ hint). */
export async function errors(files: Record<string, string> | string, options: Partial<ProjectOptions> = {}): Promise<string[]> {
  const d = await diagnostics(files, options);
  return d.map((x) => `${x.location ? `${x.location.line}:${x.location.col} ` : ''}${x.message}${x.hint ? ` (${x.hint})` : ''}`);
}

export async function diagnostics(files: Record<string, string> | string, options: Partial<ProjectOptions> = {}): Promise<readonly Diagnostic[]> {
  try {
    await load(files, options);
  } catch (e) {
    if (e instanceof ConfigError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
