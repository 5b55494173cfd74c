// Helpers for tests against the real engine and the built CLI. They use the docker CLI
// (not tcompose's own code) to look at and clean up the engine, so a bug in tcompose cannot
// hide itself.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');
export const CLI = join(REPO, 'dist/cli.js');
export const BUSYBOX = 'tcompose-test/busybox:latest';

/** A project name of its own for each test: tc-<topic>-<random>. */
export function uniqueProject(topic: string): string {
  return `tc-${topic}-${randomBytes(3).toString('hex')}`;
}

/** A temp directory holding the given files (name → content); returns its path. */
export function projectDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tcompose-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI like a user would. */
export function tcompose(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], options);
}

/** The test process's environment, without colour, with `extra` laid over it (undefined removes a variable). */
function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

export function run(cmd: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, [...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    // A command that exits without reading its stdin closes the pipe: not an error of the test.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** The docker CLI, synchronously; returns trimmed stdout. */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function dockerLines(...args: string[]): string[] {
  const out = docker(...args);
  return out ? out.split('\n') : [];
}

/**
 * Removes every image of a repository, also those left with only a digest (`repo:<none>`, what a
 * pulled image becomes once its tag is removed), so that registry tests leave nothing behind.
 */
export function removeRepository(repo: string): void {
  const ids = dockerLines('images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}')
    .map((l) => l.split(' '))
    .filter(([, r]) => r === repo)
    .map(([id]) => id!);
  for (const id of new Set(ids)) {
    try {
      docker('rmi', '-f', id);
    } catch {
      // in use or already gone
    }
  }
}

/** Everything on the engine labelled with the project: containers, networks, volumes. */
export function projectResources(project: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const f = `label=com.docker.compose.project=${project}`;
  return {
    containers: dockerLines('ps', '-a', '--filter', f, '--format', '{{.Names}}').sort(),
    networks: dockerLines('network', 'ls', '--filter', f, '--format', '{{.Name}}').sort(),
    volumes: dockerLines('volume', 'ls', '--filter', f, '--format', '{{.Name}}').sort(),
  };
}

/** Removes everything of a project, whatever state a failed test left it in. */
export function cleanupProject(project: string): void {
  // Each step on its own: a container removed concurrently (or a 409 "removal in progress")
  // must not leave the networks and volumes behind.
  const attempt = (step: () => void): Error | undefined => {
    try {
      step();
      return undefined;
    } catch (err) {
      return err as Error;
    }
  };
  const r = projectResources(project);
  const failures = [
    ...r.containers.map((c) => attempt(() => docker('rm', '-f', '-v', c))),
    // A network may still be held by a container on its way out: one more try after a pause.
    ...r.networks.map((n) => attempt(() => docker('network', 'rm', n)) && (execFileSync('sleep', ['1']), attempt(() => docker('network', 'rm', n)))),
    ...r.volumes.map((v) => attempt(() => docker('volume', 'rm', '-f', v))),
  ].filter((e): e is Error => e !== undefined);
  // What is gone by now (removed by someone else) is not a failure.
  const left = projectResources(project);
  if (failures.length && left.containers.length + left.networks.length + left.volumes.length) throw failures[0];
}

/** docker inspect of one object, parsed. */
export function inspect<T = Record<string, any>>(name: string): T {
  return JSON.parse(docker('inspect', name))[0] as T;
}

/**
 * Waits until `check` holds (a throwing check counts as not yet), polling every 250 ms.
 * On timeout the error says what was waited for: `context()` adds output worth seeing.
 */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, context?: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) {
      const why = last ? `: ${(last as Error).message}` : '';
      throw new Error(`condition not met in ${timeoutMs} ms${why}${context ? `\n${context()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The built CLI running in the background (no stdin), its output collected as it comes. */
export interface BackgroundCli {
  readonly child: ChildProcess;
  /** Resolves with the exit code (128 when a signal ended it). */
  readonly exited: Promise<number>;
  out(): string;
  err(): string;
}

export function startCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): BackgroundCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** `cat` of a file in a container; undefined when it (or the container) is not there. */
export function catIn(container: string, path: string): string | undefined {
  try {
    return docker('exec', container, 'cat', path);
  } catch {
    return undefined;
  }
}
