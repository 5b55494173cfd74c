// Merges per-container line batches into one stream ordered by timestamp. Each source is
// already in order; the merge takes the oldest head line each time (ties keep source order).
// Sources are pulled lazily, one batch at a time, so memory stays bounded.

export interface Timestamped {
  readonly timestamp?: string;
}

interface Head<T> {
  readonly it: AsyncIterator<T[]>;
  batch: T[];
  i: number;
}

/** Engine timestamps are fixed-width RFC 3339 UTC strings, so string order is time order. */
export async function* mergeByTimestamp<T extends Timestamped>(sources: readonly AsyncIterable<T[]>[], batchSize = 1024): AsyncIterable<T[]> {
  const heads: Head<T>[] = [];
  const fill = async (h: Head<T>): Promise<boolean> => {
    for (;;) {
      const r = await h.it.next();
      if (r.done) return false;
      if (r.value.length) {
        h.batch = r.value;
        h.i = 0;
        return true;
      }
    }
  };
  try {
    const started = sources.map((s) => ({ it: s[Symbol.asyncIterator](), batch: [] as T[], i: 0 }));
    const alive = await Promise.all(started.map(fill));
    started.forEach((h, k) => alive[k] && heads.push(h));
    let out: T[] = [];
    while (heads.length) {
      // Linear scan: few containers, and it beats a heap at that size.
      let best = 0;
      let bestTs = heads[0]!.batch[heads[0]!.i]!.timestamp ?? '';
      for (let k = 1; k < heads.length; k++) {
        const h = heads[k]!;
        const ts = h.batch[h.i]!.timestamp ?? '';
        if (ts < bestTs) (best = k), (bestTs = ts);
      }
      const h = heads[best]!;
      if (heads.length === 1) {
        // One source left: pass its batches through.
        for (const b = h.batch; h.i < b.length; h.i++) out.push(b[h.i]!);
      } else out.push(h.batch[h.i++]!);
      if (h.i >= h.batch.length) {
        if (out.length) {
          yield out;
          out = [];
        }
        if (!(await fill(h))) heads.splice(best, 1);
      } else if (out.length >= batchSize) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  } finally {
    await Promise.all(heads.map((h) => h.it.return?.()));
  }
}
