// The engine's multiplexed stream format: frames of an 8-byte header (stream type 0/1/2,
// 3 zero bytes, big-endian payload length) then the payload. Headers and payloads may be
// split anywhere across chunks. Bytes that do not look like a header mean the stream was not
// multiplexed after all: from there on everything is raw stdout.

export type StreamKind = 'stdout' | 'stderr';

export interface FrameHandler {
  /** A frame of this kind begins (a new log entry). */
  frame(kind: StreamKind): void;
  /**
   * Payload bytes [start, end) of `buf`: of the current frame (`framed`), or raw output. `buf`
   * may be the caller's chunk: copy what is kept beyond the call.
   */
  data(kind: StreamKind, buf: Buffer, start: number, end: number, framed: boolean): void;
}

const HEADER = 8;

export class FrameSplitter {
  private readonly header = Buffer.alloc(HEADER);
  private headerFill = 0;
  private frameLeft = 0;
  private kind: StreamKind = 'stdout';
  private raw: boolean;

  constructor(multiplexed: boolean) {
    this.raw = !multiplexed;
  }

  push(chunk: Buffer, to: FrameHandler): void {
    if (this.raw) {
      to.data('stdout', chunk, 0, chunk.length, false);
      return;
    }
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      if (this.frameLeft === 0) {
        // Read (the rest of) a header.
        const n = Math.min(HEADER - this.headerFill, len - pos);
        chunk.copy(this.header, this.headerFill, pos, pos + n);
        this.headerFill += n;
        pos += n;
        if (this.headerFill < HEADER) return;
        this.headerFill = 0;
        const h = this.header;
        const type = h[0]!;
        if (type > 2 || h[1] !== 0 || h[2] !== 0 || h[3] !== 0) {
          // Not a frame header: everything from here on is raw output, header bytes included.
          this.raw = true;
          to.data('stdout', Buffer.from(h), 0, HEADER, false);
          if (pos < len) to.data('stdout', chunk, pos, len, false);
          return;
        }
        this.kind = type === 2 ? 'stderr' : 'stdout';
        this.frameLeft = h.readUInt32BE(4);
        to.frame(this.kind);
        continue;
      }
      const n = Math.min(this.frameLeft, len - pos);
      to.data(this.kind, chunk, pos, pos + n, true);
      this.frameLeft -= n;
      pos += n;
    }
  }
}
