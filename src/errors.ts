// Typed errors. Each class carries the exit code the CLI returns for it; the CLI prints
// `message` (one screen at most) and never a stack trace unless --verbose/DEBUG is set.
import type { Location } from './model/types.js';

export const ExitCode = {
  ok: 0,
  failure: 1, // an engine operation, build, pull or wait failed
  usage: 2, // bad command line
  config: 3, // the compose file(s) are missing, unreadable or invalid
  engine: 4, // no engine answers
  interrupted: 130,
} as const;

export class TcomposeError extends Error {
  readonly exitCode: number = ExitCode.failure;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UsageError extends TcomposeError {
  override readonly exitCode = ExitCode.usage;
}

/** One problem in a compose file, located where a user can fix it. */
export interface Diagnostic {
  readonly message: string;
  readonly location?: Location;
  readonly frame?: string; // a short code frame around the location
  readonly hint?: string; // "did you mean `environment`?"
}

export function formatDiagnostic(d: Diagnostic): string {
  const at = d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
  let out = `${at}${d.message}`;
  if (d.hint) out += ` (${d.hint})`;
  if (d.frame) out += `\n${d.frame}`;
  return out;
}

/** The compose files cannot be used. Carries every problem found, not only the first. */
export class ConfigError extends TcomposeError {
  override readonly exitCode = ExitCode.config;
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[] | string, options?: ErrorOptions) {
    const list = typeof diagnostics === 'string' ? [{ message: diagnostics }] : diagnostics;
    super(list.map(formatDiagnostic).join('\n'), options);
    this.diagnostics = list;
  }
}

/** No compose file was named and none was found. Commands that only need the project's
 *  name (ps, logs, down, …) can then work from the engine's labels, like docker compose. */
export class NoConfigFileError extends ConfigError {}

export class EngineUnavailableError extends TcomposeError {
  override readonly exitCode = ExitCode.engine;
}

/** An engine call failed; names the operation and the resource. */
export class EngineError extends TcomposeError {
  readonly statusCode: number | undefined;
  constructor(operation: string, resource: string, detail: string, statusCode?: number, options?: ErrorOptions) {
    super(`${operation} ${resource}: ${detail}`, options);
    this.statusCode = statusCode;
  }
}

/**
 * The engine keeps a network or volume because something outside the plan still uses it (a
 * container started by hand on the project network, say). `down` leaves it with a warning, as
 * docker compose does, instead of failing.
 */
export class ResourceInUseError extends EngineError {}

/** Some nodes of a plan failed; the message lists each failure and what it skipped. */
export class PlanFailedError extends TcomposeError {
  readonly failures: readonly { readonly node: string; readonly error: Error }[];
  constructor(failures: readonly { readonly node: string; readonly error: Error }[], skipped: readonly string[]) {
    const lines = failures.map((f) => f.error.message);
    if (skipped.length) lines.push(`not done because of the above: ${skipped.join(', ')}`);
    super(lines.join('\n'));
    this.failures = failures;
  }
}

/** A service named on the command line is not in the project (exit 1, as docker compose). */
export class NoSuchServiceError extends TcomposeError {
  readonly service: string;
  constructor(service: string, hint = '') {
    super(`no such service: ${service}${hint}`);
    this.service = service;
  }
}

/** A post_start or pre_stop hook exited non-zero (docker compose's runHook fails the operation). */
export class HookFailedError extends TcomposeError {}

/** A service did not reach the state `depends_on`/`--wait` asked for. */
export class WaitError extends TcomposeError {}

export class InterruptedError extends TcomposeError {
  override readonly exitCode = ExitCode.interrupted;
}

/** A command ran and its exit code is tcompose's (exec, run, up --exit-code-from). */
export class ChildExitError extends TcomposeError {
  override readonly exitCode: number;
  constructor(code: number, message = '') {
    super(message);
    this.exitCode = code;
  }
}
