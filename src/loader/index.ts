// The loader: compose files → validated, canonical, typed Project.
// discover → env → per file (parse, interpolate, include, extends) → merge → schema → normalize
// → consistency checks → profiles. Every problem is collected and thrown at once as ConfigError.
import { basename } from 'node:path';
import { ConfigError, type Diagnostic } from '../errors.js';
import type { FileObject, Network, Project, Service, Volume } from '../model/types.js';
import type { ProjectOptions } from './options.js';
import { isMap, locate, type Raw, type RawMap } from './located.js';
import { discoverFiles, DiscoveryError } from './discovery.js';
import { loadEnvFiles } from './environment.js';
import { loadDocument, type DocumentContext } from './documents.js';
import { mergeDocuments } from './merge.js';
import { normalizeFileObject, normalizeResource, normalizeService, type NormalizeContext } from './normalize.js';
import { invalidProjectNameMessage, isValidProjectName, normalizeProjectName } from './project-name.js';
import { checkProject, rawPath } from './checks.js';
import { codeFrame } from './frame.js';
import { validateDocument } from './validate.js';
import { Inputs } from './inputs.js';

export type { ProjectOptions } from './options.js';

/** What the loader produced before it became a Project (for `config --no-normalize` etc.). */
export interface LoadedModel {
  /** Absent when loading stopped after merging (`stage: 'merged'`). */
  readonly project?: Project;
  /** The merged, interpolated document as written (short syntax kept). */
  readonly merged: RawMap;
  /** Every variable the files referred to. */
  readonly variables: ReadonlyMap<string, { readonly value?: string }>;
  /** The files and paths loading looked at. */
  readonly inputs: Inputs;
}

export async function loadProject(options: ProjectOptions): Promise<Project> {
  return (await loadModel(options)).project!;
}

/** Service names of the project, sorted. */
export function serviceNames(project: Project): string[] {
  return Object.keys(project.services).sort();
}

/** Loads the files; `stage: 'merged'` stops before schema validation and normalization. */
export async function loadModel(options: ProjectOptions, stage: 'merged' | 'project' = 'project'): Promise<LoadedModel> {
  const diags: Diagnostic[] = [];
  const shell = options.environment ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const inputs = new Inputs();
  const warned = new Set<string>();
  const warn = (m: string) => {
    if (warned.has(m)) return;
    warned.add(m);
    options.onWarning?.(m);
  };
  const fail = () => {
    if (diags.length) throw new ConfigError(sortDiagnostics(diags));
  };

  // .env of the directory we start from may set COMPOSE_FILE, COMPOSE_PROJECT_NAME, COMPOSE_PROFILES.
  const startDir = options.projectDirectory ? resolveDir(cwd, options.projectDirectory) : cwd;
  let env = loadEnvFiles(options.envFiles, shell, cwd, startDir, diags, inputs);
  fail();
  let found;
  try {
    found = discoverFiles(options.files, env, cwd, options.projectDirectory, inputs);
  } catch (e) {
    if (e instanceof DiscoveryError) throw new ConfigError(e.message);
    throw e;
  }
  const { files, workingDir } = found;
  if (workingDir !== startDir && !(options.envFiles && options.envFiles.length)) {
    env = loadEnvFiles(undefined, shell, cwd, workingDir, diags, inputs);
    fail();
  }

  const variables = new Map<string, { value?: string }>();
  const lookup = (n: string): string | undefined => {
    const v = Object.prototype.hasOwnProperty.call(env, n) ? env[n] : undefined;
    if (!variables.has(n)) variables.set(n, v === undefined ? {} : { value: v });
    return v;
  };
  const trackedEnv = new Proxy(env, { get: (_t, n) => (typeof n === 'string' ? lookup(n) : undefined) });
  const stdinText = files.includes('-') ? await (options.stdin ?? readStdin)() : undefined;
  const ctx: DocumentContext = {
    diags,
    interpolate: options.interpolate !== false,
    cwd,
    shell,
    onUnset: (n) => warn(`The "${n}" variable is not set. Defaulting to a blank string.`),
    warn,
    ...(stdinText !== undefined ? { stdinText } : {}),
    filesRead: new Set(),
    inputs,
  };

  let merged: Raw | undefined;
  for (const f of files) {
    const doc = loadDocument(f, trackedEnv, ctx);
    if (doc) merged = mergeDocuments(merged, doc);
  }
  fail();
  const root = (isMap(merged) ? merged : {}) as RawMap;
  if (stage === 'merged') return { merged: root, variables, inputs };
  await validateDocument(root, diags);
  fail();

  const projectName = chooseProjectName(options, env, root, workingDir, diags);
  fail();
  const project = buildProject(root, {
    projectName,
    workingDir,
    files,
    env,
    lookup,
    diags,
    activeProfiles: activeProfiles(options, env),
    namedServices: options.services ?? [],
    inputs,
  });
  fail();
  return { project, merged: root, variables, inputs };
}

/** In file order: by file (as first seen), line and column; unlocated ones first. */
function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of diags) if (d.location && !fileOrder.has(d.location.file)) fileOrder.set(d.location.file, fileOrder.size);
  const key = (d: Diagnostic) => (d.location ? [fileOrder.get(d.location.file)!, d.location.line, d.location.col] : [-1, 0, 0]);
  return diags
    .map((d, i) => ({ d, i, k: key(d) }))
    .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[2]! - b.k[2]! || a.i - b.i)
    .map((x) => x.d);
}

function resolveDir(cwd: string, d: string): string {
  return d.startsWith('/') ? d : `${cwd}/${d}`.replace(/\/+$/, '');
}

function activeProfiles(options: ProjectOptions, env: Record<string, string>): string[] {
  if (options.profiles && options.profiles.length) return [...options.profiles];
  return (env.COMPOSE_PROFILES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function chooseProjectName(options: ProjectOptions, env: Record<string, string>, root: RawMap, workingDir: string, diags: Diagnostic[]): string {
  if (options.projectName !== undefined) {
    if (!isValidProjectName(options.projectName)) diags.push({ message: invalidProjectNameMessage(options.projectName) });
    return options.projectName;
  }
  if (env.COMPOSE_PROJECT_NAME) {
    if (!isValidProjectName(env.COMPOSE_PROJECT_NAME)) diags.push({ message: invalidProjectNameMessage(env.COMPOSE_PROJECT_NAME, 'COMPOSE_PROJECT_NAME') });
    return env.COMPOSE_PROJECT_NAME;
  }
  if (typeof root.name === 'string' && root.name !== '') {
    if (!isValidProjectName(root.name)) {
      const location = locate(root, ['name']);
      diags.push({ message: invalidProjectNameMessage(root.name), location, frame: codeFrame(location) });
    }
    return root.name;
  }
  const n = normalizeProjectName(basename(workingDir));
  if (!n) diags.push({ message: `cannot derive a project name from the directory "${workingDir}"`, hint: 'set one with -p or a top-level `name:`' });
  return n;
}

interface BuildContext {
  readonly projectName: string;
  readonly workingDir: string;
  readonly files: readonly string[];
  readonly env: Record<string, string>;
  readonly lookup: (n: string) => string | undefined;
  readonly diags: Diagnostic[];
  readonly activeProfiles: readonly string[];
  readonly namedServices: readonly string[];
  readonly inputs: Inputs;
}

function buildProject(root: RawMap, b: BuildContext): Project {
  const ctx: NormalizeContext = { root, projectName: b.projectName, workingDir: b.workingDir, lookup: b.lookup, diags: b.diags, inputs: b.inputs };
  const all: Record<string, Service> = {};
  const rawServices = isMap(root.services) ? root.services : {};
  for (const [name, raw] of Object.entries(rawServices)) {
    all[name] = normalizeService(name, isMap(raw) ? raw : {}, ctx);
  }
  const networks: Record<string, Network> = {};
  for (const [k, v] of Object.entries(isMap(root.networks) ? root.networks : {})) networks[k] = normalizeResource<Network>(k, v, ctx);
  const volumes: Record<string, Volume> = {};
  for (const [k, v] of Object.entries(isMap(root.volumes) ? root.volumes : {})) volumes[k] = normalizeResource<Volume>(k, v, ctx);
  const secrets: Record<string, FileObject> = {};
  for (const [k, v] of Object.entries(isMap(root.secrets) ? root.secrets : {})) secrets[k] = normalizeFileObject(k, v, ctx);
  const configs: Record<string, FileObject> = {};
  for (const [k, v] of Object.entries(isMap(root.configs) ? root.configs : {})) configs[k] = normalizeFileObject(k, v, ctx);
  const extensions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root)) if (k.startsWith('x-')) extensions[k] = v;

  const { enabled, disabled } = applyProfiles(all, b.activeProfiles, b.namedServices, root, b.diags);
  const usesDefault = Object.values(enabled).some((s) => s.networks && 'default' in s.networks);
  if (usesDefault && !networks.default) networks.default = { name: `${b.projectName}_default` };
  checkProject(root, { services: enabled, allServices: all, networks, volumes, secrets, configs }, b.diags);

  const project: Project = {
    name: b.projectName,
    workingDir: b.workingDir,
    configFiles: [...b.files],
    services: enabled,
    disabledServices: disabled,
    networks,
    volumes,
    secrets,
    configs,
    extensions,
    environment: b.env,
    profiles: [...b.activeProfiles],
    ...(isMap(root.models) ? { models: root.models } : {}),
  };
  return project;
}

/**
 * Services without profiles are on; others when one of their profiles is active (or "*"), or
 * when named on the command line — and then their dependencies come along.
 */
function applyProfiles(all: Record<string, Service>, active: readonly string[], named: readonly string[], root: RawMap, diags: Diagnostic[]): {
  enabled: Record<string, Service>;
  disabled: Record<string, Service>;
} {
  const on = new Set<string>();
  const isActive = (s: Service) => !s.profiles || s.profiles.length === 0 || active.includes('*') || s.profiles.some((p) => active.includes(p));
  for (const [n, s] of Object.entries(all)) if (isActive(s)) on.add(n);
  const queue = named.filter((n) => all[n]);
  while (queue.length) {
    const n = queue.pop()!;
    if (on.has(n) && !named.includes(n)) continue;
    on.add(n);
    for (const d of Object.keys(all[n]!.depends_on ?? {})) if (all[d] && !on.has(d)) queue.push(d);
  }
  const enabled: Record<string, Service> = {};
  const disabled: Record<string, Service> = {};
  for (const n of Object.keys(all).sort()) (on.has(n) ? enabled : disabled)[n] = all[n]!;
  for (const [n, s] of Object.entries(enabled)) {
    for (const [d, dep] of Object.entries(s.depends_on ?? {})) {
      if (disabled[d] && dep.required) {
        const location = locate(root, ['services', n, ...rawPath(isMap(root.services) ? root.services[n] : undefined, ['depends_on', d])], 'key');
        diags.push({
          message: `service "${d}" was pulled in as a dependency of service "${n}" but is not enabled by the active profiles`,
          location,
          frame: codeFrame(location),
          hint: `add a common profile to "${d}" and "${n}"`,
        });
      }
    }
  }
  return { enabled, disabled };
}

function readStdin(): Promise<string> {
  return new Promise((resolveText, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (text += c));
    process.stdin.on('end', () => resolveText(text));
    process.stdin.on('error', reject);
  });
}
