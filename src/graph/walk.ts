// A concurrent walk of a DAG: each node runs once all its predecessors succeeded, at most
// `concurrency` at a time. A failed node's dependents are skipped, never started.

export interface WalkResult {
  readonly failed: ReadonlyMap<string, Error>;
  /** Skipped node → the failed node that caused it. */
  readonly skipped: ReadonlyMap<string, string>;
}

export interface WalkOptions {
  readonly concurrency?: number; // default: unbounded
  readonly onSkip?: (id: string, because: string) => void;
}

export function walkDag(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
  run: (id: string) => Promise<void>,
  options: WalkOptions = {},
): Promise<WalkResult> {
  const limit = options.concurrency && options.concurrency > 0 ? options.concurrency : Infinity;
  const waitingOn = new Map<string, number>(nodes.map((n) => [n, 0]));
  const after = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of edges) {
    if (!waitingOn.has(a) || !waitingOn.has(b)) continue;
    waitingOn.set(b, waitingOn.get(b)! + 1);
    after.get(a)!.push(b);
  }
  const failed = new Map<string, Error>();
  const skipped = new Map<string, string>();
  const ready = nodes.filter((n) => waitingOn.get(n) === 0);
  let running = 0;
  let settled = 0;

  return new Promise((resolve) => {
    const skip = (id: string, because: string): void => {
      if (skipped.has(id) || failed.has(id)) return;
      skipped.set(id, because);
      settled++;
      options.onSkip?.(id, because);
      for (const next of after.get(id)!) skip(next, because);
    };
    const pump = (): void => {
      while (running < limit && ready.length) {
        const id = ready.shift()!;
        if (skipped.has(id)) continue;
        running++;
        run(id).then(
          () => {
            running--;
            settled++;
            for (const next of after.get(id)!) {
              const left = waitingOn.get(next)! - 1;
              waitingOn.set(next, left);
              if (left === 0 && !skipped.has(next)) ready.push(next);
            }
            pump();
          },
          (err: unknown) => {
            running--;
            settled++;
            failed.set(id, err instanceof Error ? err : new Error(String(err)));
            for (const next of after.get(id)!) skip(next, id);
            pump();
          },
        );
      }
      if (running === 0 && (ready.length === 0 || settled === nodes.length)) resolve({ failed, skipped });
    };
    pump();
  });
}
