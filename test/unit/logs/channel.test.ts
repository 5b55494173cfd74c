// Channel: a bounded queue between log producers and one consumer (back-pressure, close with
// waiting producers, early consumer return).
import { describe, expect, it } from 'vitest';
import { Channel } from '../../../src/ui/logs/channel.js';

const settledSoon = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 5));
  return done;
};

describe('Channel', () => {
  it('delivers items in order, then ends on close', async () => {
    const ch = new Channel<number>(8);
    void (async () => {
      for (let i = 0; i < 5; i++) await ch.push(i);
      ch.close();
    })();
    const got: number[] = [];
    for await (const x of ch) got.push(x);
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('makes a producer wait once full, and lets it go when the consumer takes an item', async () => {
    const ch = new Channel<number>(2);
    expect(await settledSoon(ch.push(1))).toBe(true);
    const second = ch.push(2);
    expect(await settledSoon(second)).toBe(false);
    const it = ch[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe(1);
    expect(await settledSoon(second)).toBe(true);
    await it.return?.(undefined);
  });

  it('close releases waiting producers; the consumer still gets the queued items, then the error', async () => {
    const ch = new Channel<string>(1);
    const waiting = ch.push('a');
    expect(await settledSoon(waiting)).toBe(false);
    ch.close(new Error('engine gone'));
    expect(await settledSoon(waiting)).toBe(true);
    // Pushed after close: dropped, and never blocks.
    expect(await settledSoon(ch.push('late'))).toBe(true);
    const got: string[] = [];
    await expect((async () => {
      for await (const x of ch) got.push(x);
    })()).rejects.toThrow('engine gone');
    expect(got).toEqual(['a']);
  });

  it('an early consumer return closes the channel, calls onCancel once and frees producers', async () => {
    const ch = new Channel<number>(2);
    let cancels = 0;
    ch.onCancel = () => void cancels++;
    await ch.push(1);
    const blocked = ch.push(2);
    expect(await settledSoon(blocked)).toBe(false);
    let third: Promise<void> | undefined;
    for await (const x of ch) {
      expect(x).toBe(1);
      // Taking 1 made room for 2; 3 fills the queue again and waits.
      expect(await settledSoon(blocked)).toBe(true);
      third = ch.push(3);
      expect(await settledSoon(third)).toBe(false);
      break;
    }
    expect(ch.isClosed).toBe(true);
    expect(cancels).toBe(1);
    expect(await settledSoon(third!)).toBe(true);
  });

  it('a consumer waiting on an empty channel wakes on push and on close', async () => {
    const ch = new Channel<number>();
    const it = ch[Symbol.asyncIterator]();
    const first = it.next();
    expect(await settledSoon(first)).toBe(false);
    await ch.push(7);
    expect(await first).toEqual({ value: 7, done: false });
    const end = it.next();
    ch.close();
    expect(await end).toEqual({ value: undefined, done: true });
  });
});
