// Proxy settings the docker CLI keeps in config.json (`proxies`, per engine host, else
// "default"), which it — and docker compose — hands to every container it creates and every
// build: HTTP_PROXY & co., each in upper and lower case. What a service sets itself wins.
import type { Engine } from '../engine/types.js';
import { readDockerConfig, type DockerConfig } from './credentials.js';

const FIELDS = [
  ['httpProxy', 'HTTP_PROXY'],
  ['httpsProxy', 'HTTPS_PROXY'],
  ['noProxy', 'NO_PROXY'],
  ['ftpProxy', 'FTP_PROXY'],
  ['allProxy', 'ALL_PROXY'],
] as const;

export type ProxySettings = Partial<Record<(typeof FIELDS)[number][0], string>>;

/** The variables for containers and builds on the engine at `host` ("unix:///var/run/docker.sock"). */
export function proxyEnvironment(config: DockerConfig, host: string | undefined): Record<string, string> {
  const proxies = config.proxies ?? {};
  const chosen = host !== undefined && Object.prototype.hasOwnProperty.call(proxies, host) ? proxies[host] : proxies.default;
  const env: Record<string, string> = {};
  for (const [field, name] of FIELDS) {
    const value = chosen?.[field];
    if (typeof value !== 'string' || value === '') continue;
    env[name] = value;
    env[name.toLowerCase()] = value;
  }
  return env;
}

/** The engine's proxy variables; an unreadable config.json is a warning, as the docker CLI has it. */
export async function readProxyEnvironment(engine: Engine, warn: (message: string) => void, config?: Promise<DockerConfig>): Promise<Record<string, string>> {
  try {
    return proxyEnvironment(await (config ?? readDockerConfig()), engine.host);
  } catch (err) {
    warn(`proxy settings ignored: ${(err as Error).message}`);
    return {};
  }
}
