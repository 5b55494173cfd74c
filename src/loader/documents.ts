// Reading one compose file into a merged-ready document: parse → interpolate → include →
// extends. Files read for `extends: {file}` are cached so each is parsed once.
import { dirname, relative } from 'node:path';
import type { Diagnostic } from '../errors.js';
import { isMap, locate, put, copyEntryMeta, type Raw, type RawMap } from './located.js';
import { parseYaml } from './parse.js';
import { interpolateTree } from './interpolate.js';
import { resolveExtends } from './extends.js';
import { mergeDocuments } from './merge.js';
import { absolutizeDocument } from './absolutize.js';
import { loadEnvFiles } from './environment.js';
import { codeFrame } from './frame.js';
import { resolvePath } from './paths.js';
import type { Inputs } from './inputs.js';

export interface DocumentContext {
  readonly diags: Diagnostic[];
  readonly interpolate: boolean;
  readonly cwd: string;
  readonly shell: Readonly<Record<string, string | undefined>>;
  readonly onUnset: (name: string) => void;
  readonly warn: (message: string) => void;
  /** Text of "-" (stdin), read up front. */
  readonly stdinText?: string;
  /** Absolute paths of every file read (for labels and messages). */
  readonly filesRead: Set<string>;
  /** Where files are read, remembered for the load cache. */
  readonly inputs: Inputs;
}

/** The name shown for a file in messages: relative to the cwd when inside it. */
export function displayName(path: string, cwd: string): string {
  if (path === '-') return 'stdin';
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function readSource(path: string, ctx: DocumentContext, from?: { root: RawMap; path: (string | number)[] }): string | undefined {
  if (path === '-') return ctx.stdinText ?? '';
  try {
    const text = ctx.inputs.read(path);
    ctx.filesRead.add(path);
    return text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const location = from ? locate(from.root, from.path) : undefined;
    ctx.diags.push({
      message: code === 'ENOENT' ? `open ${path}: no such file or directory` : `cannot read ${path}: ${(e as Error).message}`,
      location,
      frame: codeFrame(location),
    });
    return undefined;
  }
}

/** Parses and interpolates one file. Returns null when it has errors (already recorded). */
function parseFile(path: string, env: Record<string, string>, ctx: DocumentContext, from?: { root: RawMap; path: (string | number)[] }): RawMap | null {
  const text = readSource(path, ctx, from);
  if (text === undefined) return null;
  const display = displayName(path, ctx.cwd);
  const before = ctx.diags.length;
  const data = parseYaml(text, display, ctx.diags);
  if (ctx.diags.length > before) return null;
  if (data === null) {
    ctx.diags.push({ message: 'empty compose file', location: { file: display, line: 1, col: 1 } });
    return null;
  }
  if (!isMap(data)) {
    const location = locate(data, []);
    ctx.diags.push({ message: 'the top level of a compose file must be a mapping', location, frame: codeFrame(location) });
    return null;
  }
  if (ctx.interpolate) {
    interpolateTree(data, { lookup: (n) => env[n], diags: ctx.diags, onUnset: ctx.onUnset });
  }
  return data;
}

/**
 * Loads `path` and everything it pulls in (include, extends), with the given interpolation
 * environment. `stack` holds the include chain for cycle detection.
 */
export function loadDocument(path: string, env: Record<string, string>, ctx: DocumentContext, stack: string[] = [], from?: { root: RawMap; path: (string | number)[] }): RawMap | null {
  const doc = parseFile(path, env, ctx, from);
  if (!doc) return null;
  if (doc.version !== undefined) {
    ctx.warn(`${displayName(path, ctx.cwd)}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
  }
  if (Array.isArray(doc.include)) applyIncludes(doc, path, env, ctx, [...stack, path]);
  const cache = new Map<string, RawMap | null>();
  resolveExtends(doc, path, {
    diags: ctx.diags,
    display: (p) => displayName(p, ctx.cwd),
    loadOther: (abs, origin) => {
      if (!cache.has(abs)) cache.set(abs, parseFile(abs, env, ctx, origin));
      const other = cache.get(abs)!;
      if (other) resolveExtends(other, abs, { diags: ctx.diags, display: (p) => displayName(p, ctx.cwd), loadOther: () => null });
      return other;
    },
  });
  return doc;
}

const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'];

function applyIncludes(doc: RawMap, path: string, env: Record<string, string>, ctx: DocumentContext, stack: string[]): void {
  const baseDir = path === '-' ? ctx.cwd : dirname(path);
  const includes = doc.include as Raw[];
  includes.forEach((entry, i) => {
    const at = ['include', i];
    let paths: string[] = [];
    let projectDir: string | undefined;
    let envFiles: string[] | undefined;
    if (typeof entry === 'string') paths = [entry];
    else if (isMap(entry)) {
      const p = entry.path;
      paths = typeof p === 'string' ? [p] : Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : [];
      if (typeof entry.project_directory === 'string') projectDir = resolvePath(baseDir, entry.project_directory);
      const ef = entry.env_file;
      if (typeof ef === 'string') envFiles = [resolvePath(baseDir, ef)];
      else if (Array.isArray(ef)) envFiles = ef.filter((x): x is string => typeof x === 'string').map((x) => resolvePath(baseDir, x));
    } else return; // the schema reports it
    if (!paths.length) return;
    const abs = paths.map((p) => resolvePath(baseDir, p));
    for (const a of abs) {
      if (stack.includes(a)) {
        const location = locate(doc, at);
        const chain = [...stack.slice(stack.indexOf(a)), a].map((f) => displayName(f, ctx.cwd)).join(' -> ');
        ctx.diags.push({ message: `include cycle: ${chain}`, location, frame: codeFrame(location) });
        return;
      }
    }
    const dir = projectDir ?? dirname(abs[0]!);
    const own = loadEnvFiles(envFiles, {}, ctx.cwd, dir, ctx.diags, ctx.inputs);
    const incEnv = { ...own, ...env };
    let merged: Raw | undefined;
    for (const a of abs) {
      const sub = loadDocument(a, incEnv, ctx, stack, { root: doc, path: [...at] });
      if (!sub) return;
      merged = mergeDocuments(merged, sub);
    }
    if (!isMap(merged)) return;
    absolutizeDocument(merged, dir);
    for (const section of SECTIONS) {
      const incoming = merged[section];
      if (!isMap(incoming)) continue;
      if (doc[section] === undefined || doc[section] === null) put(doc, section, {});
      const target = doc[section];
      if (!isMap(target)) continue;
      for (const [name, value] of Object.entries(incoming)) {
        if (Object.prototype.hasOwnProperty.call(target, name)) {
          if (JSON.stringify(target[name]) === JSON.stringify(value)) continue;
          const location = locate(doc, [section, name], 'key');
          ctx.diags.push({
            message: `${section}.${name} conflicts with imported resource from ${displayName(abs[0]!, ctx.cwd)}`,
            location,
            frame: codeFrame(location),
          });
          continue;
        }
        put(target, name, value);
        copyEntryMeta(target, name, incoming, name);
      }
    }
  });
}
