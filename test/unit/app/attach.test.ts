// Attached `up` when the engine goes away in the Ctrl-C path: the failures are reported,
// never left as unhandled rejections (which end the process with a stack trace).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachedUp } from '../../../src/app/attach.js';
import { createContext } from '../../../src/app/context.js';
import type { Engine } from '../../../src/engine/types.js';
import type { ProgressEvent } from '../../../src/events/types.js';
import { project } from '../plan/helpers.js';

/** An engine whose socket is gone: every call rejects. */
const goneEngine = (): Engine =>
  new Proxy({} as Engine, {
    get: (_, key) => {
      if (key === 'then') return undefined;
      const gone = (): Error => new Error(`socket gone (${String(key)})`);
      // events() is an async iterable, the rest are promises.
      if (key === 'events') return () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(gone()) }) });
      return () => Promise.reject(gone());
    },
  });

describe('attachedUp with an unreachable engine', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => void process.off('unhandledRejection', onUnhandled));

  it('reports the failed stop and kill as warnings and rejects with the follow error only', async () => {
    const p = await project('services:\n  a:\n    image: x\n');
    const events: ProgressEvent[] = [];
    const ctx = createContext(p, { engine: goneEngine(), sink: (e) => void events.push(e) });
    const stop = new AbortController();
    const kill = new AbortController();
    stop.abort();
    kill.abort();
    const run = attachedUp(ctx, { startedAfter: 0, upServices: new Set(['a']), stop: stop.signal, kill: kill.signal }, async () => {});
    await expect(run).rejects.toThrow(/socket gone/);
    // Let any stray rejection surface.
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    const warnings = events.filter((e) => e.type === 'warning').map((e) => (e as { message: string }).message);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/socket gone \(listContainers\)/)]));
    expect(warnings.length).toBeGreaterThanOrEqual(2); // the stop and the kill
  });
});
