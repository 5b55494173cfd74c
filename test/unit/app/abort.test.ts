import { describe, expect, it, vi } from 'vitest';
import { onAbort } from '../../../src/app/abort.js';

describe('onAbort', () => {
  it('runs at once for a signal that already aborted (a listener alone would never fire)', () => {
    const c = new AbortController();
    c.abort();
    const fn = vi.fn();
    onAbort(c.signal, fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs once on a later abort, and not after unsubscribing', () => {
    const a = new AbortController();
    const fa = vi.fn();
    onAbort(a.signal, fa);
    expect(fa).not.toHaveBeenCalled();
    a.abort();
    expect(fa).toHaveBeenCalledTimes(1);
    const b = new AbortController();
    const fb = vi.fn();
    onAbort(b.signal, fb)();
    b.abort();
    expect(fb).not.toHaveBeenCalled();
    expect(() => onAbort(undefined, fb)()).not.toThrow();
  });
});
