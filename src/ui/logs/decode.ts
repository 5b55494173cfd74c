// Turns the bytes of one container's log stream into lines. Non-TTY streams are multiplexed
// (8-byte frame headers: stream type, 3 zero bytes, big-endian payload length); TTY streams
// are raw. Frames and lines may be split anywhere across chunks. Each line is decoded on its
// own, so invalid UTF-8 or binary noise stays inside the line it came in.

import { FrameSplitter, type FrameHandler, type StreamKind } from '../../engine/frames.js';

export type { StreamKind } from '../../engine/frames.js';

export interface DecodedLine {
  readonly stream: StreamKind;
  readonly text: string;
  /** The engine's RFC 3339 timestamp (fixed 9-digit fraction, UTC), when asked for. */
  readonly timestamp?: string;
}

export interface DecoderOptions<T = DecodedLine> {
  /** Builds each output line (lets callers make their own line objects without a copy). */
  readonly make?: (stream: StreamKind, text: string, timestamp: string | undefined) => T;
  readonly multiplexed: boolean;
  /** The engine prefixes each log entry with "<timestamp> ". */
  readonly timestamps: boolean;
  /** Longer lines are cut into pieces of this many bytes (memory stays bounded). */
  readonly maxLineBytes?: number;
}

const NL = 10;
const CR = 13;
const SPACE = 32;
/** "2006-01-02T15:04:05.000000000Z" plus room for an offset instead of Z. */
const MAX_TS = 40;

/** Per stream kind: the partial line being assembled. */
class LineState {
  parts: Buffer[] = [];
  size = 0;
  timestamp: string | undefined;
  /** Timestamp bytes seen so far at the start of an entry (they may span chunks). */
  tsBytes: Buffer | undefined;
  atEntryStart = true;
  constructor(readonly kind: StreamKind) {}
}

const makeDecoded = (stream: StreamKind, text: string, timestamp: string | undefined): DecodedLine =>
  timestamp === undefined ? { stream, text } : { stream, text, timestamp };

export class LogDecoder<T = DecodedLine> {
  private readonly make: (stream: StreamKind, text: string, timestamp: string | undefined) => T;
  private readonly max: number;
  private readonly states: [LineState, LineState] = [new LineState('stdout'), new LineState('stderr')];
  private readonly frames: FrameSplitter;
  /** The `out` of the push in progress (the frame handler appends to it). */
  private out: T[] = [];
  private readonly handler: FrameHandler;

  constructor(private readonly options: DecoderOptions<T>) {
    this.make = options.make ?? (makeDecoded as unknown as (s: StreamKind, t: string, ts: string | undefined) => T);
    this.max = options.maxLineBytes ?? 1024 * 1024;
    this.frames = new FrameSplitter(options.multiplexed);
    const state = (kind: StreamKind): LineState => this.states[kind === 'stderr' ? 1 : 0];
    this.handler = {
      // A new frame is a new log entry: it starts with its own timestamp.
      frame: (kind) => void (state(kind).atEntryStart = true),
      data: (kind, buf, start, end, framed) => this.payload(state(kind), buf, start, end, this.out, framed),
    };
  }

  /** Decodes one chunk; complete lines are appended to `out`. */
  push(chunk: Buffer, out: T[]): void {
    this.out = out;
    try {
      this.frames.push(chunk, this.handler);
    } finally {
      this.out = [];
    }
  }

  /** End of stream: whatever partial lines remain are emitted. */
  end(out: T[]): void {
    for (const st of this.states) {
      const pending = st.tsBytes;
      st.tsBytes = undefined;
      if (pending) this.append(st, pending, 0, pending.length, out);
      if (st.size > 0) this.flush(st, out, undefined, 0, 0);
    }
  }

  /** Bytes [start, end) of one entry's payload (or of raw output). */
  private payload(st: LineState, buf: Buffer, start: number, end: number, out: T[], framed: boolean): void {
    let pos = start;
    while (pos < end) {
      if (this.options.timestamps && st.atEntryStart) {
        pos = this.readTimestamp(st, buf, pos, end, out);
        if (st.atEntryStart) return; // still inside the timestamp
        continue;
      }
      const nl = buf.indexOf(NL, pos);
      if (nl < 0 || nl >= end) {
        this.append(st, buf, pos, end, out);
        return;
      }
      this.flush(st, out, buf, pos, nl);
      pos = nl + 1;
      // In raw streams each line is an entry; in frames the next entry is the next frame.
      if (!framed) st.atEntryStart = true;
    }
  }

  /** Consumes "<timestamp> " at the start of an entry; returns the next position. */
  private readTimestamp(st: LineState, buf: Buffer, pos: number, end: number, out: T[]): number {
    const have = st.tsBytes?.length ?? 0;
    const limit = Math.min(end, pos + (MAX_TS - have));
    const sp = buf.indexOf(SPACE, pos);
    if (sp >= 0 && sp < limit) {
      const ts = have ? Buffer.concat([st.tsBytes!, buf.subarray(pos, sp)]).toString('latin1') : buf.toString('latin1', pos, sp);
      st.tsBytes = undefined;
      st.atEntryStart = false;
      // An entry that continues a partial line (long lines are split into entries) keeps
      // the line's first timestamp.
      if (st.size === 0) st.timestamp = ts;
      return sp + 1;
    }
    if (limit < end || have + (end - pos) >= MAX_TS) {
      // No timestamp here after all: treat the bytes as text.
      const pending = st.tsBytes;
      st.tsBytes = undefined;
      st.atEntryStart = false;
      if (pending) this.append(st, pending, 0, pending.length, out);
      return pos;
    }
    const part = buf.subarray(pos, end);
    st.tsBytes = st.tsBytes ? Buffer.concat([st.tsBytes, part]) : Buffer.from(part);
    return end;
  }

  /** Adds bytes to the partial line, cutting it when it grows past the limit. */
  private append(st: LineState, buf: Buffer, start: number, end: number, out: T[]): void {
    while (end - start > 0) {
      const room = this.max - st.size;
      if (end - start < room) {
        // Copy: the chunk's memory is reused by the socket.
        st.parts.push(Buffer.from(buf.subarray(start, end)));
        st.size += end - start;
        return;
      }
      let cut = start + room;
      // Do not split a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
      let back = 0;
      while (back < 3 && cut > start && (buf[cut]! & 0xc0) === 0x80) cut--, back++;
      if (cut === start) cut = start + room;
      st.parts.push(Buffer.from(buf.subarray(start, cut)));
      st.size += cut - start;
      this.flush(st, out, undefined, 0, 0);
      start = cut;
    }
  }

  /** Emits the partial line plus buf[start, end) as one line (CR before LF dropped). */
  private flush(st: LineState, out: T[], buf: Buffer | undefined, start: number, end: number): void {
    let text: string;
    if (st.size === 0) {
      if (buf && end > start && buf[end - 1] === CR) end--;
      text = buf ? buf.toString('utf8', start, end) : '';
    } else {
      if (buf && end > start) st.parts.push(buf.subarray(start, end));
      let all = st.parts.length === 1 ? st.parts[0]! : Buffer.concat(st.parts);
      if (buf && all.length && all[all.length - 1] === CR) all = all.subarray(0, all.length - 1);
      text = all.toString('utf8');
      st.parts = [];
      st.size = 0;
    }
    // The timestamp stays for further lines of the same entry; the next entry replaces it.
    out.push(this.make(st.kind, text, st.timestamp));
  }
}

/** Unix seconds (fractional) of an engine timestamp; NaN when it is not one. */
export function timestampSeconds(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return NaN;
  const whole = Date.parse(`${m[1]}${m[3]}`);
  return whole / 1000 + (m[2] ? Number(`0.${m[2]}`) : 0);
}
