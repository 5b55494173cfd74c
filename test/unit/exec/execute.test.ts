// executePlan with a recording fake Engine: the executor does what the plan says and decides
// nothing (no inspects of its own).
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/types.js';
import { silentSink } from '../../../src/events/types.js';
import { executePlan } from '../../../src/exec/execute.js';
import type { Operation, Plan } from '../../../src/plan/types.js';

type Call = [string, ...unknown[]];

/** An Engine whose every call is recorded; `impl` gives behaviour, any other method answers undefined. */
function fakeEngine(impl: Partial<Record<keyof Engine, (...args: unknown[]) => unknown>> = {}): { engine: Engine; calls: Call[] } {
  const calls: Call[] = [];
  const engine = new Proxy({} as Engine, {
    get: (_t, key: string) => key === 'then' ? undefined : async (...args: unknown[]) => {
      calls.push([key, ...args]);
      if (key.startsWith('inspect')) throw new Error(`the executor must not ${key}: the plan says what to do`);
      return impl[key as keyof Engine]?.(...args);
    },
  });
  return { engine, calls };
}

const planOf = (...ops: Operation[]): Plan => ({ nodes: ops.map((op, i) => ({ id: `n${i}`, op, resource: `thing ${i}`, reason: 'test' })), edges: [], warnings: [] });
const endpoint = { Aliases: ['web'] };

describe('executePlan', () => {
  it('recreate mounts the carried volumes it is given, without inspecting the old container', async () => {
    const { engine, calls } = fakeEngine({ createContainer: () => 'new-id' });
    const body = { Image: 'busybox', Volumes: { '/anon': {}, '/other': {} }, HostConfig: { Mounts: [{ Type: 'volume', Source: 'demo_data', Target: '/data' }] } };
    await executePlan(planOf({ kind: 'container.recreate', container: { name: 'demo-web-1', service: 'web', id: 'old-id-0123456789' }, body, extraNetworks: [], carry: [{ name: 'vol1', target: '/anon' }] }), engine, silentSink);
    expect(calls.map((c) => c[0])).toEqual(['createContainer', 'stopContainer', 'removeContainer', 'renameContainer']);
    expect(calls[0]).toEqual(['createContainer', 'old-id-01234_demo-web-1', {
      Image: 'busybox',
      Volumes: { '/other': {} },
      HostConfig: { Mounts: [{ Type: 'volume', Source: 'demo_data', Target: '/data' }, { Type: 'volume', Source: 'vol1', Target: '/anon' }] },
    }]);
  });

  it('network recreate disconnects exactly the attached containers of the plan', async () => {
    const { engine, calls } = fakeEngine();
    const body = { Name: 'demo_default' };
    await executePlan(planOf({ kind: 'network.recreate', name: 'demo_default', body, attached: ['demo-a-1', 'ffff'] }), engine, silentSink);
    expect(calls).toEqual([
      ['disconnectNetwork', 'demo_default', 'demo-a-1', true],
      ['disconnectNetwork', 'demo_default', 'ffff', true],
      ['removeNetwork', 'demo_default'],
      ['createNetwork', body],
    ]);
  });
});

describe('executePlan: a container is created whole or not at all', () => {
  const create = (files = false): Operation => ({
    kind: 'container.create',
    container: { name: 'demo-web-1', service: 'web' },
    body: { Image: 'busybox' },
    extraNetworks: [{ network: 'demo_back', endpoint }],
    ...(files ? { files: [{ path: '/run/secrets/s', content: 'x', mode: 0o444, uid: 0, gid: 0 }] } : {}),
  });

  it('removes the new container when connecting an extra network fails, and reports the failure', async () => {
    const { engine, calls } = fakeEngine({ createContainer: () => 'new-id', connectNetwork: () => { throw new Error('network demo_back not found'); } });
    await expect(executePlan(planOf(create()), engine, silentSink)).rejects.toThrow(/network demo_back not found/);
    expect(calls.map((c) => c[0])).toEqual(['createContainer', 'connectNetwork', 'removeContainer']);
    expect(calls[2]).toEqual(['removeContainer', 'new-id', { force: true }]);
  });

  it('removes it when copying secrets in fails; a recreate then leaves the old container alone', async () => {
    const failing = { createContainer: () => 'new-id', putArchive: () => { throw new Error('no space left'); } };
    const a = fakeEngine(failing);
    await expect(executePlan(planOf(create(true)), a.engine, silentSink)).rejects.toThrow(/no space left/);
    expect(a.calls.map((c) => c[0])).toEqual(['createContainer', 'connectNetwork', 'putArchive', 'removeContainer']);
    const b = fakeEngine(failing);
    const recreate: Operation = { ...(create(true) as Extract<Operation, { kind: 'container.create' }>), kind: 'container.recreate', container: { name: 'demo-web-1', service: 'web', id: 'old-id' }, carry: [] };
    await expect(executePlan(planOf(recreate), b.engine, silentSink)).rejects.toThrow(/no space left/);
    expect(b.calls.map((c) => c.slice(0, 2))).toEqual([['createContainer', 'old-id_demo-web-1'], ['connectNetwork', 'demo_back'], ['putArchive', 'new-id'], ['removeContainer', 'new-id']]);
  });

  it('a create that succeeds removes nothing', async () => {
    const { engine, calls } = fakeEngine({ createContainer: () => 'new-id' });
    await executePlan(planOf(create(true)), engine, silentSink);
    expect(calls.map((c) => c[0])).toEqual(['createContainer', 'connectNetwork', 'putArchive']);
  });
});
