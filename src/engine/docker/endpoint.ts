// Where the engine is: DOCKER_HOST, else the current docker context, else the default socket.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';

export interface Endpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https' | 'ssh';
  readonly username?: string; // ssh://user@host
  /** TLS material from DOCKER_CERT_PATH (DOCKER_TLS_VERIFY=1 or https://). */
  readonly tls?: { readonly ca?: Buffer; readonly cert?: Buffer; readonly key?: Buffer };
  readonly description: string; // for error messages
}

/**
 * The engine's address as the docker CLI's DaemonHost() gives it (tcp with its port filled in),
 * which is how config.json keys per-engine settings such as `proxies`.
 */
export function daemonHost(e: Endpoint): string {
  if (e.socketPath !== undefined || e.protocol === 'ssh' || e.host === undefined) return e.description;
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  return `tcp://${host}:${e.port}`;
}

/** PEM files docker keeps in DOCKER_CERT_PATH (default ~/.docker); missing ones are left out. */
function tlsMaterial(env: NodeJS.ProcessEnv): NonNullable<Endpoint['tls']> {
  const dir = env.DOCKER_CERT_PATH ?? dockerConfigDir(env);
  const read = (name: string): Buffer | undefined => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return undefined;
    }
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

export function parseDockerHost(value: string, env: NodeJS.ProcessEnv = process.env): Endpoint {
  if (value.startsWith('unix://')) return { socketPath: value.slice('unix://'.length), description: value };
  if (value.startsWith('/')) return { socketPath: value, description: value };
  let url: URL;
  try {
    url = new URL(value.replace(/^tcp:/, 'http:'));
  } catch {
    throw new UsageError(`invalid DOCKER_HOST ${JSON.stringify(value)}: use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host`);
  }
  if (!['http:', 'https:', 'ssh:'].includes(url.protocol) || !url.hostname) {
    throw new UsageError(`invalid DOCKER_HOST ${JSON.stringify(value)}: use unix:///path/to/docker.sock, tcp://host:port or ssh://user@host`);
  }
  // Like the docker CLI: any non-empty DOCKER_TLS_VERIFY turns verification on.
  const tls = Boolean(env.DOCKER_TLS_VERIFY) || url.protocol === 'https:';
  const protocol = url.protocol === 'ssh:' ? 'ssh' : tls ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 2376 : protocol === 'ssh' ? 22 : 2375;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    protocol,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    tls: protocol === 'https' ? tlsMaterial(env) : undefined,
    description: value,
  };
}

function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

/** The endpoint of a named docker context, as `docker context` stores it. */
function contextHost(name: string, env: NodeJS.ProcessEnv): string | undefined {
  // node:crypto only here: loading it costs every command a few ms, and contexts are rare.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
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
  if (env.DOCKER_HOST) return parseDockerHost(env.DOCKER_HOST, env);
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
    if (host) return parseDockerHost(host, env);
  }
  return { socketPath: '/var/run/docker.sock', description: 'unix:///var/run/docker.sock' };
}
