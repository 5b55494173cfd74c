// The programmatic API: a typed handle on one compose project, for integration tests and
// tools. The CLI calls the same use cases (app/*.ts) this class delegates to.
import { PassThrough, Readable, Writable } from 'node:stream';
import type { Engine } from '../engine/types.js';
import type { ProgressSink } from '../events/types.js';
import type { Project } from '../model/types.js';
import { loadProject } from '../loader/index.js';
import { createContext, type AppContext } from './context.js';
import type { UpRequest, UpResult } from './up.js';
import type { DownRequest } from './down.js';
import type { ContainerInfo, PsRequest } from './ps.js';
import type { LogLine, LogRequest } from './logs.js';
import type { StartOptions, StopOptions, RestartOptions } from '../plan/lifecycle.js';
import { TcomposeError } from '../errors.js';

export interface ComposeOptions {
  /** Compose files, in order (default: discovered like the CLI does from `projectDirectory`/cwd). */
  readonly files?: readonly string[];
  readonly projectName?: string;
  readonly projectDirectory?: string;
  /** Variables for interpolation, laid over process.env (undefined removes one). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly envFiles?: readonly string[];
  readonly profiles?: readonly string[];
  /** Progress events (the CLI renders the same events). */
  readonly onProgress?: ProgressSink;
  /** At most this many engine operations at once. */
  readonly parallel?: number;
  /** Warnings from the loader (obsolete `version`, unset variables …). */
  readonly onWarning?: (message: string) => void;
  /** Use this engine instead of DOCKER_HOST / the default socket. */
  readonly engine?: Engine;
}

export interface ExecOptions {
  readonly index?: number;
  readonly user?: string;
  readonly workdir?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly privileged?: boolean;
  /** Text sent to the command's stdin (then closed). */
  readonly stdin?: string;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Collects what a stream writes, as text. */
class TextSink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export class ComposeEnvironment implements AsyncDisposable {
  readonly #ctx: AppContext;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
  }

  get project(): Project {
    return this.#ctx.project;
  }

  get name(): string {
    return this.#ctx.project.name;
  }

  /** Converges the project (always detached; use `logs({follow: true})` to watch it). */
  async up(options: UpRequest = {}): Promise<UpResult> {
    const { up } = await import('./up.js');
    return up(this.#ctx, options);
  }

  async down(options: DownRequest = {}): Promise<void> {
    const { down } = await import('./down.js');
    await down(this.#ctx, options);
  }

  async ps(options: PsRequest = {}): Promise<ContainerInfo[]> {
    const { ps } = await import('./ps.js');
    return ps(this.#ctx, options);
  }

  async start(options: StartOptions = {}): Promise<void> {
    const { start } = await import('./lifecycle.js');
    await start(this.#ctx, options);
  }

  async stop(options: StopOptions = {}): Promise<void> {
    const { stop } = await import('./lifecycle.js');
    await stop(this.#ctx, options);
  }

  async restart(options: RestartOptions = {}): Promise<void> {
    const { restart } = await import('./lifecycle.js');
    await restart(this.#ctx, options);
  }

  /** Where a service's private port is published on the host. */
  async port(service: string, privatePort: number, options: { protocol?: string; index?: number } = {}): Promise<HostPort> {
    const { port } = await import('./port.js');
    const address = await port(this.#ctx, { service, privatePort, ...options });
    const at = address.lastIndexOf(':');
    const host = address.slice(0, at);
    return { host: host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host, port: Number(address.slice(at + 1)) };
  }

  /** Log lines of the project's containers; with `follow`, until the signal aborts or all are gone. */
  async *logs(options: LogRequest = {}): AsyncIterable<LogLine> {
    const { streamLogs } = await import('./logs.js');
    yield* streamLogs(this.#ctx, options);
  }

  /** Runs a command in a running service container and collects its output. */
  async exec(service: string, command: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const { exec } = await import('./exec.js');
    const stdout = new TextSink();
    const stderr = new TextSink();
    const stdin = options.stdin === undefined ? emptyInput() : Readable.from([Buffer.from(options.stdin)]);
    const exitCode = await exec(this.#ctx, {
      service,
      command,
      index: options.index,
      tty: false,
      interactive: options.stdin !== undefined,
      env: options.env ? Object.entries(options.env).map(([k, v]) => `${k}=${v}`) : undefined,
      user: options.user,
      workdir: options.workdir,
      privileged: options.privileged,
      io: { stdin, stdout, stderr },
    });
    return { exitCode, stdout: stdout.text, stderr: stderr.text };
  }

  /** `await using env = await compose(…)` tears the project down, volumes included. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.down({ volumes: true, removeOrphans: true });
  }
}

const emptyInput = (): Readable => {
  const s = new PassThrough();
  s.end();
  return s;
};

/** Loads a compose project and returns a handle to drive it. Throws ConfigError for bad files. */
export async function compose(options: ComposeOptions = {}): Promise<ComposeEnvironment> {
  const environment = { ...process.env, ...options.env };
  const project = await loadProject({
    files: options.files,
    projectName: options.projectName,
    projectDirectory: options.projectDirectory,
    envFiles: options.envFiles,
    profiles: options.profiles,
    environment,
    onWarning: options.onWarning,
  });
  if (options.parallel !== undefined && (!Number.isInteger(options.parallel) || options.parallel < 1)) {
    throw new TcomposeError(`parallel must be a positive whole number, not ${options.parallel}`);
  }
  return new ComposeEnvironment(createContext(project, { engine: options.engine, sink: options.onProgress, parallel: options.parallel }));
}
