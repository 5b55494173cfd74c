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
    await executePlan(planOf({ kind: 'container.recreate', container: { name: 'demo-web-1', service: 'web', id: 'old-id-0123456789' }, body, extraNetworks: [], keepAnonymousVolumes: true, carry: [{ name: 'vol1', target: '/anon' }] }), engine, silentSink);
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
