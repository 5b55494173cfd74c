// A bounded async queue: producers await push() when it is full, which pauses their source
// streams (back-pressure all the way to the engine's socket); one consumer iterates.

export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private consumer: (() => void) | undefined;
  private readonly producers: (() => void)[] = [];
  private closed = false;
  private failure: unknown;
  /** Called when the consumer stops early (break / return). */
  onCancel: (() => void) | undefined;

  constructor(private readonly capacity = 64) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Queues an item; resolves once there is room again. Items pushed after close are dropped. */
  push(item: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.items.push(item);
    this.wake();
    if (this.items.length < this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.producers.push(resolve));
  }

  /** No more items; the consumer sees the queued ones, then the end (or `error`). */
  close(error?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.failure = error;
    this.wake();
    for (const p of this.producers.splice(0)) p();
  }

  private wake(): void {
    const c = this.consumer;
    this.consumer = undefined;
    c?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        if (this.items.length) {
          const item = this.items.shift()!;
          if (this.items.length < this.capacity) this.producers.shift()?.();
          yield item;
          continue;
        }
        if (this.closed) {
          if (this.failure !== undefined) throw this.failure;
          return;
        }
        await new Promise<void>((resolve) => (this.consumer = resolve));
      }
    } finally {
      if (!this.closed) {
        this.close();
        this.onCancel?.();
      }
    }
  }
}
