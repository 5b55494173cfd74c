// walkDag: order, bounded concurrency, skip propagation through a failure, and edge cases.
import { describe, expect, it } from 'vitest';
import { walkDag } from '../../../src/graph/walk.js';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('walkDag', () => {
  it('resolves at once for an empty graph, running nothing', async () => {
    let runs = 0;
    const r = await walkDag([], [], async () => void runs++);
    expect(runs).toBe(0);
    expect(r.failed.size).toBe(0);
    expect(r.skipped.size).toBe(0);
  });

  it('starts a node only after all its predecessors succeeded', async () => {
    const done = new Set<string>();
    const order: string[] = [];
    const edges: [string, string][] = [['a', 'c'], ['b', 'c'], ['c', 'd']];
    const pred = (n: string): string[] => edges.filter(([, b]) => b === n).map(([a]) => a);
    const r = await walkDag(['d', 'c', 'b', 'a'], edges, async (id) => {
      for (const p of pred(id)) expect(done.has(p), `${id} before ${p}`).toBe(true);
      order.push(id);
      await tick();
      done.add(id);
    });
    expect(r.failed.size).toBe(0);
    expect(order.slice(2)).toEqual(['c', 'd']);
    expect(new Set(order.slice(0, 2))).toEqual(new Set(['a', 'b']));
  });

  it('never runs more than `concurrency` nodes at a time, and all of them', async () => {
    const nodes = Array.from({ length: 12 }, (_, i) => `n${i}`);
    let running = 0;
    let peak = 0;
    const ran: string[] = [];
    await walkDag(nodes, [], async (id) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      ran.push(id);
      running--;
    }, { concurrency: 3 });
    expect(peak).toBe(3);
    expect(ran.sort()).toEqual([...nodes].sort());
  });

  it('runs everything ready at once without a limit (0 or absent)', async () => {
    for (const concurrency of [undefined, 0]) {
      let running = 0;
      let peak = 0;
      await walkDag(['a', 'b', 'c', 'd'], [], async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
      }, { concurrency });
      expect(peak).toBe(4);
    }
  });

  it('skips every transitive dependent of a failed node, naming the failure, and runs the rest', async () => {
    const ran: string[] = [];
    const skips: [string, string][] = [];
    // a → b → c, a → d; e independent; f depends on e and b.
    const edges: [string, string][] = [['a', 'b'], ['b', 'c'], ['a', 'd'], ['e', 'f'], ['b', 'f']];
    const r = await walkDag(['a', 'b', 'c', 'd', 'e', 'f'], edges, async (id) => {
      ran.push(id);
      await tick();
      if (id === 'b') throw new Error('b broke');
    }, { onSkip: (id, because) => void skips.push([id, because]) });
    expect(r.failed.get('b')?.message).toBe('b broke');
    expect([...r.failed.keys()]).toEqual(['b']);
    expect(Object.fromEntries(r.skipped)).toEqual({ c: 'b', f: 'b' });
    expect(skips.sort()).toEqual([['c', 'b'], ['f', 'b']]);
    expect(ran.sort()).toEqual(['a', 'b', 'd', 'e']);
  });

  it('turns a non-Error rejection into an Error', async () => {
    const r = await walkDag(['a'], [], () => Promise.reject('plain text'));
    expect(r.failed.get('a')).toBeInstanceOf(Error);
    expect(r.failed.get('a')?.message).toBe('plain text');
  });

  it('ignores edges naming unknown nodes', async () => {
    const ran: string[] = [];
    const r = await walkDag(['a'], [['ghost', 'a'], ['a', 'ghost']], async (id) => void ran.push(id));
    expect(ran).toEqual(['a']);
    expect(r.failed.size + r.skipped.size).toBe(0);
  });
});
