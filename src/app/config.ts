// `tcompose config`: the resolved model as YAML or JSON, or one of its lists (services,
// volumes, networks, profiles, images, hashes, variables). The printed model loads back to
// the same model: `$` is written as `$$` so a reload does not interpolate twice.
import { NoSuchServiceError } from '../errors.js';
import { writeFile } from 'node:fs/promises';
import type { Engine } from '../engine/types.js';
import type { Project, Service } from '../model/types.js';
import { loadModel, type ProjectOptions } from '../loader/index.js';
import { configHash } from '../state/hash.js';
import { toYaml } from '../loader/emit.js';
import { listVariables, type VariableUse } from '../loader/template.js';
import { compareText } from '../model/order.js';

export interface ConfigOptions {
  readonly format?: 'yaml' | 'json';
  /** Validate only; print nothing. */
  readonly quiet?: boolean;
  readonly services?: boolean;
  readonly volumes?: boolean;
  readonly networks?: boolean;
  readonly profiles?: boolean;
  readonly images?: boolean;
  /** A service name, a comma-separated list, or "*". */
  readonly hash?: string;
  readonly noInterpolate?: boolean;
  readonly noNormalize?: boolean;
  readonly variables?: boolean;
  /** Pin images to their digests (needs `engine`). */
  readonly resolveImageDigests?: boolean;
  readonly engine?: Pick<Engine, 'inspectImage'>;
  /** Write the result to this file instead of returning it. */
  readonly output?: string;
}

/** Returns the text to print (empty with quiet or output). */
export async function configCommand(projectOptions: ProjectOptions, opts: ConfigOptions = {}): Promise<string> {
  const interpolate = !(opts.noInterpolate || opts.variables);
  const rawOnly = opts.variables || (opts.noNormalize && opts.noInterpolate);
  const loaded = await loadModel({ ...projectOptions, interpolate, normalize: !opts.noNormalize }, rawOnly ? 'merged' : 'project');
  let text: string;
  if (opts.quiet) return '';
  if (opts.variables) text = variablesTable(loaded.merged, opts.format);
  else if (!loaded.project) text = render({ ...withoutVersion(loaded.merged) }, false, opts.format);
  else text = await renderProject(loaded.project, loaded.merged, interpolate, opts);
  if (opts.output) {
    await writeFile(opts.output, text);
    return '';
  }
  return text;
}

function render(doc: unknown, escape: boolean, format: ConfigOptions['format']): string {
  const d = escape ? escapeDollars(doc) : doc;
  return format === 'json' ? JSON.stringify(d, null, 2) + '\n' : toYaml(d);
}

async function renderProject(project: Project, merged: Record<string, unknown>, interpolate: boolean, opts: ConfigOptions): Promise<string> {
  let text: string;
  if (opts.services) text = lines(Object.keys(project.services));
  else if (opts.volumes) text = lines(Object.keys(project.volumes));
  else if (opts.networks) text = lines(Object.keys(project.networks));
  else if (opts.profiles) text = lines(allProfiles(project));
  else if (opts.images) text = lines(Object.values(project.services).map((s) => imageName(project, s)));
  else if (opts.hash !== undefined) text = hashes(project, opts.hash);
  else {
    const doc = opts.noNormalize ? { name: project.name, ...withoutVersion(merged) } : await projectDocument(project, opts);
    text = render(doc, interpolate, opts.format);
  }
  return text;
}

function lines(items: readonly string[]): string {
  return items.length ? items.join('\n') + '\n' : '';
}

function allProfiles(project: Project): string[] {
  const set = new Set<string>();
  for (const s of [...Object.values(project.services), ...Object.values(project.disabledServices)]) for (const p of s.profiles ?? []) set.add(p);
  return [...set].sort();
}

/** The image a service runs: its `image`, or `<project>-<service>` for a build without one. */
export function imageName(project: Project, s: Service): string {
  return s.image ?? `${project.name}-${s.name}`;
}

function hashes(project: Project, which: string): string {
  const names = which === '*' ? Object.keys(project.services) : which.split(',').map((s) => s.trim());
  const out: string[] = [];
  for (const n of names) {
    const s = project.services[n];
    if (!s) throw new NoSuchServiceError(n);
    out.push(`${n} ${configHash(s)}`);
  }
  return lines(out);
}

function withoutVersion(doc: Record<string, unknown>): Record<string, unknown> {
  const { version: _v, name: _n, ...rest } = doc;
  return rest;
}

/** The project as a compose document in canonical form. */
export async function projectDocument(project: Project, opts: ConfigOptions = {}): Promise<Record<string, unknown>> {
  const services: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(project.services)) {
    const { name: _n, ...rest } = s;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(rest).sort()) if (rest[k] !== undefined) sorted[k] = rest[k];
    if (opts.resolveImageDigests && opts.engine && typeof s.image === 'string') {
      const img = await opts.engine.inspectImage(s.image);
      const digest = img?.repoDigests[0];
      if (digest) sorted.image = digest;
    }
    services[name] = sorted;
  }
  const doc: Record<string, unknown> = { name: project.name, services };
  if (Object.keys(project.networks).length) doc.networks = project.networks;
  if (Object.keys(project.volumes).length) doc.volumes = project.volumes;
  if (Object.keys(project.secrets).length) doc.secrets = project.secrets;
  if (Object.keys(project.configs).length) doc.configs = project.configs;
  if (project.models && Object.keys(project.models).length) doc.models = project.models;
  Object.assign(doc, project.extensions);
  return doc;
}

function escapeDollars(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('$', '$$$$');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}

function variablesTable(doc: unknown, format: 'yaml' | 'json' | undefined): string {
  const found = new Map<string, VariableUse>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      for (const u of listVariables(v)) {
        const prev = found.get(u.name);
        found.set(u.name, { ...prev, ...u, required: (prev?.required ?? false) || u.required });
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(doc);
  const rows = [...found.values()].sort((a, b) => compareText(a.name, b.name));
  if (format === 'json') {
    const obj = Object.fromEntries(rows.map((r) => [r.name, { name: r.name, required: r.required, defaultValue: r.defaultValue ?? '', alternateValue: r.alternateValue ?? '' }]));
    return JSON.stringify(obj, null, 2) + '\n';
  }
  const table = [['NAME', 'REQUIRED', 'DEFAULT VALUE', 'ALTERNATE VALUE'], ...rows.map((r) => [r.name, String(r.required), r.defaultValue ?? '', r.alternateValue ?? ''])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return lines(table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('').trimEnd()));
}
