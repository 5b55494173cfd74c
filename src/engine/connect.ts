// Connects to the engine. dockerode is loaded here, lazily, so commands that never touch the
// engine (--version, --help, config) never pay for it.
import type { Engine } from './types.js';

let cached: Promise<Engine> | undefined;

/** The engine at DOCKER_HOST / the current context / the default socket. Checked with a ping. */
export function connectEngine(): Promise<Engine> {
  cached ??= (async () => {
    const { DockerEngine } = await import('./docker/adapter.js');
    const engine = new DockerEngine();
    await engine.ping();
    return engine;
  })();
  // A failed connection is not cached: a later call may find the engine up.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
