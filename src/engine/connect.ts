// Connects to the engine. dockerode is loaded here, lazily, so commands that never touch the
// engine (--version, --help, config) never pay for it.
import type { Engine } from './types.js';

let cached: Promise<Engine> | undefined;

/**
 * The engine at DOCKER_HOST / the current context / the default socket. Not pinged: every call
 * turns an unreachable engine into EngineUnavailableError ("cannot reach the Docker engine at
 * …", exit 4), so the command's first real call is the check, without an extra round-trip.
 */
export function connectEngine(): Promise<Engine> {
  cached ??= (async () => {
    const { DockerEngine } = await import('./docker/adapter.js');
    return new DockerEngine();
  })();
  // A failed connection is not cached: a later call may find the engine up.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
