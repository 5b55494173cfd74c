// Registry credentials as the docker CLI keeps them: ~/.docker/config.json ($DOCKER_CONFIG),
// `auths` entries (base64 "user:password" or an identity token), and credential helpers
// (`credHelpers` per registry, `credsStore` for all) run as `docker-credential-<name> get`.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryAuth } from '../engine/types.js';
import type { ProxySettings } from './proxies.js';

export const DOCKER_HUB = 'https://index.docker.io/v1/';

interface AuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
}

export interface DockerConfig {
  readonly auths?: Readonly<Record<string, AuthEntry>>;
  readonly proxies?: Readonly<Record<string, ProxySettings>>;
  readonly credsStore?: string;
  readonly credHelpers?: Readonly<Record<string, string>>;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

export async function readDockerConfig(path = configPath()): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch (err) {
    throw new Error(`reading ${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** The registry an image reference lives in, as config.json keys it ("docker.io" → Docker Hub's key). */
export function registryOf(ref: string): string {
  const slash = ref.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = ref.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost';
  if (!isHost || first === 'docker.io' || first === 'index.docker.io' || first === 'registry-1.docker.io') return DOCKER_HUB;
  return first;
}

/** Keys in config.json are sometimes written with a scheme or path ("https://ghcr.io/v1/"). */
const hostOf = (key: string): string => key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');

function fromEntry(server: string, e: AuthEntry): RegistryAuth | undefined {
  if (e.identitytoken) return { serveraddress: server, identitytoken: e.identitytoken };
  if (e.auth) {
    const decoded = Buffer.from(e.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { serveraddress: server, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (e.username) return { serveraddress: server, username: e.username, password: e.password };
  return undefined;
}

async function runHelper(helper: string, server: string): Promise<RegistryAuth | undefined> {
  const { execFile } = await import('node:child_process'); // only with a credential helper
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) {
        const out = `${stdout}${stderr}`.trim();
        // Helpers answer "credentials not found" for registries they know nothing about.
        if (/not found/i.test(out)) return resolve(undefined);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new Error(`credential helper docker-credential-${helper} (named in ${configPath()}) is not installed`));
        }
        return reject(new Error(`credential helper docker-credential-${helper} failed for ${server}: ${out || err.message}`));
      }
      try {
        const r = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!r.Secret) return resolve(undefined);
        // "<token>" as user name means the secret is an identity token.
        resolve(r.Username === '<token>' ? { serveraddress: server, identitytoken: r.Secret } : { serveraddress: server, username: r.Username, password: r.Secret });
      } catch {
        reject(new Error(`credential helper docker-credential-${helper} gave an answer that is not JSON`));
      }
    });
    child.stdin?.end(server);
  });
}

/** Credentials for the registry of `ref`, or undefined for anonymous access. */
export async function credentialsFor(ref: string, config?: DockerConfig): Promise<RegistryAuth | undefined> {
  const cfg = config ?? (await readDockerConfig());
  const server = registryOf(ref);
  const host = hostOf(server);
  const helper = Object.entries(cfg.credHelpers ?? {}).find(([k]) => hostOf(k) === host)?.[1] ?? cfg.credsStore;
  if (helper) {
    const found = await runHelper(helper, server);
    if (found) return found;
  }
  for (const [key, entry] of Object.entries(cfg.auths ?? {})) {
    if (key === server || hostOf(key) === host) return fromEntry(server, entry);
  }
  return undefined;
}

/** Every credential config.json names, keyed by registry: what a build may need for FROM. */
export async function allCredentials(config?: DockerConfig): Promise<Record<string, RegistryAuth>> {
  const cfg = config ?? (await readDockerConfig());
  const out: Record<string, RegistryAuth> = {};
  const servers = new Set([...Object.keys(cfg.auths ?? {}), ...Object.keys(cfg.credHelpers ?? {})]);
  for (const server of servers) {
    const ref = server === DOCKER_HUB ? 'x' : `${hostOf(server)}/x`;
    try {
      const auth = await credentialsFor(ref, cfg);
      if (auth) out[server] = auth;
    } catch {
      // A broken helper for one registry must not stop a build that may not need it.
    }
  }
  return out;
}
