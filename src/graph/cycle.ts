// Cycle detection that spells the cycle out (`a -> b -> c -> a`), which toposort's own
// error does not do usefully.

/** Returns one cycle as a path that starts and ends at the same node, or undefined. */
export function findCycle(nodes: Iterable<string>, edgesOf: (node: string) => Iterable<string>): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    path.push(n);
    for (const m of edgesOf(n)) {
      const s = state.get(m);
      if (s === 1) return [...path.slice(path.indexOf(m)), m];
      if (s === undefined) {
        const found = visit(m);
        if (found) return found;
      }
    }
    path.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...nodes].sort()) {
    if (!state.has(n)) {
      const found = visit(n);
      if (found) return found;
    }
  }
  return undefined;
}
