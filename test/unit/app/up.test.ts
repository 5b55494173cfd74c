// up(): what the engine cannot honour is reported before any image is built or pulled, and
// the engine's version is asked at most once.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/app/context.js';
import { up } from '../../../src/app/up.js';
import type { Engine } from '../../../src/engine/types.js';
import { ConfigError } from '../../../src/errors.js';
import { project } from '../plan/helpers.js';

/** Records every call; answers version() as an amd64 API 1.41 engine, fails everything else. */
function recordingEngine(): { engine: Engine; calls: string[] } {
  const calls: string[] = [];
  const engine = new Proxy({} as Engine, {
    get: (_, key) => {
      if (key === 'then') return undefined;
      return async () => {
        calls.push(String(key));
        if (key === 'version') return { version: '20.10', apiVersion: '1.41', os: 'linux', arch: 'x86_64' };
        throw new Error(`not expected before the checks: ${String(key)}`);
      };
    },
  });
  return { engine, calls };
}

describe('up: engine checks come first', () => {
  it('a foreign platform and an API 1.45 setting fail together, before observing, building or pulling', async () => {
    const p = await project(`services:\n  a:\n    build: .\n    platform: linux/arm64\n  b:\n    image: busybox\n    volumes: [{type: volume, source: v, target: /v, volume: {subpath: x}}]\nvolumes:\n  v: {}\n`);
    const { engine, calls } = recordingEngine();
    const err = await up(createContext(p, { engine })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('service a: platform linux/arm64 cannot be honoured: the engine runs linux/amd64 containers only');
    expect((err as Error).message).toContain('service b: volumes[0].volume.subpath needs Engine API 1.45 (this engine speaks 1.41)');
    expect(calls).toEqual(['version']);
  });

  it('does not ask the version when no setting depends on it', async () => {
    const p = await project('services:\n  a:\n    image: busybox\n    platform: linux/amd64\n');
    const { engine, calls } = recordingEngine();
    await expect(up(createContext(p, { engine }))).rejects.toThrow(/not expected before the checks: listContainers/);
    expect(calls[0]).toBe('version');
    expect(calls.filter((c) => c === 'version')).toHaveLength(1);
    const plain = await project('services:\n  a:\n    image: busybox\n');
    const other = recordingEngine();
    await expect(up(createContext(plain, { engine: other.engine }))).rejects.toThrow(/not expected/);
    expect(other.calls).not.toContain('version');
  });
});
