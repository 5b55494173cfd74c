import { describe, expect, it } from 'vitest';
import { mergeByTimestamp } from '../../../src/ui/logs/merge.js';
import { Channel } from '../../../src/ui/logs/channel.js';

interface L {
  readonly src: string;
  readonly timestamp: string;
}

const ts = (n: number): string => `2024-05-01T10:00:${String(Math.floor(n / 10)).padStart(2, '0')}.${String(n % 10).padStart(9, '0')}Z`;

async function* batches(src: string, times: number[], per: number): AsyncIterable<L[]> {
  for (let i = 0; i < times.length; i += per) {
    await Promise.resolve();
    yield times.slice(i, i + per).map((t) => ({ src, timestamp: ts(t) }));
  }
}

async function collect<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of it) out.push(...b);
  return out;
}

describe('mergeByTimestamp', () => {
  it('interleaves containers by timestamp whatever their batch sizes', async () => {
    const merged = await collect(mergeByTimestamp([batches('a', [1, 4, 5, 9], 3), batches('b', [2, 3, 8], 1), batches('c', [0, 6, 7], 2)], 2));
    expect(merged.map((l) => `${l.src}${l.timestamp.slice(-4, -1)}`)).toEqual(['c000', 'a001', 'b002', 'b003', 'a004', 'a005', 'c006', 'c007', 'b008', 'a009']);
  });

  it('keeps source order for equal timestamps and handles empty sources', async () => {
    const merged = await collect(mergeByTimestamp([batches('a', [1, 1], 1), batches('empty', [], 1), batches('b', [1], 1)]));
    expect(merged.map((l) => l.src)).toEqual(['a', 'a', 'b']);
  });

  it('stops pulling its sources when the consumer stops', async () => {
    let pulled = 0;
    async function* endless(): AsyncIterable<L[]> {
      for (let i = 0; ; i++) {
        pulled++;
        yield [{ src: 'x', timestamp: ts(i) }];
      }
    }
    for await (const b of mergeByTimestamp([endless(), endless()], 1)) if (b[0]!.timestamp >= ts(5)) break;
    expect(pulled).toBeLessThan(20);
  });
});

describe('Channel', () => {
  it('applies back-pressure: push waits until the consumer takes items', async () => {
    const ch = new Channel<number>(2);
    let resolved = 0;
    for (let i = 0; i < 4; i++) void ch.push(i).then(() => resolved++);
    await new Promise((r) => setTimeout(r, 5));
    expect(resolved).toBe(1); // the first push fitted; the rest wait for room
    const seen: number[] = [];
    setTimeout(() => ch.close(), 10);
    for await (const x of ch) seen.push(x);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(resolved).toBe(4);
  });

  it('rethrows the error it was closed with after the queued items', async () => {
    const ch = new Channel<number>();
    void ch.push(1);
    ch.close(new Error('boom'));
    const seen: number[] = [];
    await expect((async () => {
      for await (const x of ch) seen.push(x);
    })()).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});
