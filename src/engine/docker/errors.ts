// Turns dockerode/docker-modem failures into tcompose's typed errors, naming the operation.
import { EngineError, EngineUnavailableError } from '../../errors.js';

interface ModemError {
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  code?: string;
  message?: string;
}

const unreachable = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENOTFOUND']);

export function engineMessage(err: unknown): string {
  const e = err as ModemError;
  const fromJson = e?.json && typeof e.json === 'object' ? e.json.message : undefined;
  const text = fromJson ?? (e?.message ?? String(err));
  // docker-modem prefixes "(HTTP code 409) unexpected - "; keep only the engine's words.
  return text.replace(/^\(HTTP code \d+\) [a-z ]+- /, '').trim();
}

export function statusOf(err: unknown): number | undefined {
  return (err as ModemError)?.statusCode;
}

export function isUnreachable(err: unknown): boolean {
  const code = (err as ModemError)?.code;
  return code !== undefined && unreachable.has(code);
}

export function translate(err: unknown, operation: string, resource: string, endpoint: string): Error {
  if (isUnreachable(err)) {
    return new EngineUnavailableError(
      `cannot reach the Docker engine at ${endpoint} (${(err as ModemError).code}): is dockerd running? (set DOCKER_HOST to use another engine)`,
      { cause: err },
    );
  }
  return new EngineError(operation, resource, engineMessage(err), statusOf(err), { cause: err });
}
