// Reacting to an abort signal that may already have fired: addEventListener alone misses a
// Ctrl-C pressed before the listener was registered (while images were built, say).

/** Calls `fn` once the signal aborts, at once if it already has; returns the unsubscribe. */
export function onAbort(signal: AbortSignal | undefined, fn: () => void): () => void {
  if (!signal) return () => {};
  if (signal.aborted) {
    fn();
    return () => {};
  }
  signal.addEventListener('abort', fn, { once: true });
  return () => signal.removeEventListener('abort', fn);
}
