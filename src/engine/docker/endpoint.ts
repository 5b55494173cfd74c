// Where the engine is: DOCKER_HOST, else the current docker context, else the default socket.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Endpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https' | 'ssh';
  readonly description: string; // for error messages
}

export function parseDockerHost(value: string): Endpoint {
  if (value.startsWith('unix://')) return { socketPath: value.slice('unix://'.length), description: value };
  if (value.startsWith('/')) return { socketPath: value, description: value };
  const url = new URL(value.replace(/^tcp:/, 'http:'));
  const tls = process.env.DOCKER_TLS_VERIFY === '1' || url.protocol === 'https:';
  const protocol = url.protocol === 'ssh:' ? 'ssh' : tls ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 2376 : protocol === 'ssh' ? 22 : 2375;
  return { host: url.hostname, port, protocol, description: value };
}

function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

/** The endpoint of a named docker context, as `docker context` stores it. */
function contextHost(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = join(dockerConfigDir(env), 'contexts', 'meta', digest, 'meta.json');
  try {
    const parsed = JSON.parse(readFileSync(meta, 'utf8')) as { Endpoints?: { docker?: { Host?: string } } };
    return parsed.Endpoints?.docker?.Host;
  } catch {
    return undefined;
  }
}

export function resolveEndpoint(env: NodeJS.ProcessEnv = process.env): Endpoint {
  if (env.DOCKER_HOST) return parseDockerHost(env.DOCKER_HOST);
  let context = env.DOCKER_CONTEXT;
  if (!context) {
    try {
      const cfg = JSON.parse(readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8')) as { currentContext?: string };
      context = cfg.currentContext;
    } catch {
      context = undefined;
    }
  }
  if (context && context !== 'default') {
    const host = contextHost(context, env);
    if (host) return parseDockerHost(host);
  }
  return { socketPath: '/var/run/docker.sock', description: 'unix:///var/run/docker.sock' };
}
