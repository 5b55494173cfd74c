// The exec/run/attach output path: one frame splitter (shared with the log decoder) and
// back-pressure from a slow reader to the engine stream.
import { describe, expect, it } from 'vitest';
import { Duplex, PassThrough, Readable, Writable } from 'node:stream';
import { FrameSplitter, type StreamKind } from '../../../src/engine/frames.js';
import { demultiplexer, wireStream } from '../../../src/ui/tty.js';

const frame = (type: number, text: string): Buffer => {
  const payload = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
};

const collect = (): Writable & { text: () => string } => {
  const parts: Buffer[] = [];
  const w = new Writable({ write: (c, _e, cb) => void (parts.push(Buffer.from(c)), cb()) });
  return Object.assign(w, { text: () => Buffer.concat(parts).toString() });
};

describe('FrameSplitter', () => {
  it('splits frames whose headers and payloads are cut anywhere', () => {
    const bytes = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, ''), frame(1, 'out two\n')]);
    for (let size = 1; size <= bytes.length; size++) {
      const seen: [StreamKind, string][] = [];
      const frames: StreamKind[] = [];
      const s = new FrameSplitter(true);
      for (let i = 0; i < bytes.length; i += size) {
        s.push(bytes.subarray(i, i + size), {
          frame: (k) => void frames.push(k),
          data: (k, b, a, e) => void seen.push([k, b.toString('utf8', a, e)]),
        });
      }
      expect(frames).toEqual(['stdout', 'stderr', 'stdout', 'stdout']);
      const joined = (k: StreamKind): string => seen.filter(([kind]) => kind === k).map(([, t]) => t).join('');
      expect(joined('stdout')).toBe('out one\nout two\n');
      expect(joined('stderr')).toBe('err\n');
    }
  });

  it('reads bytes that are not a frame header as raw stdout, header bytes included', () => {
    const seen: string[] = [];
    const s = new FrameSplitter(true);
    s.push(Buffer.from('plain text, no frames\n'), { frame: () => seen.push('FRAME'), data: (_, b, a, e) => void seen.push(b.toString('utf8', a, e)) });
    expect(seen.join('')).toBe('plain text, no frames\n');
  });
});

describe('demultiplexer', () => {
  it('sends stream 2 to stderr and the rest to stdout', () => {
    const out = collect();
    const err = collect();
    const split = demultiplexer(out, err);
    const bytes = Buffer.concat([frame(1, 'a'), frame(2, 'b'), frame(1, 'c')]);
    split(bytes.subarray(0, 5));
    split(bytes.subarray(5));
    expect(out.text()).toBe('ac');
    expect(err.text()).toBe('b');
  });
});

describe('wireStream', () => {
  it('pauses the engine stream while stdout cannot take more, and resumes on drain', async () => {
    const engineSide = new PassThrough();
    const stream = Duplex.from({ readable: engineSide, writable: new PassThrough() });
    const written: Buffer[] = [];
    let release: (() => void) | undefined;
    // A reader that takes one chunk and then stalls until released.
    const stdout = new Writable({
      highWaterMark: 4,
      write: (c, _e, cb) => {
        written.push(Buffer.from(c));
        release = cb;
      },
    });
    const stderr = collect();
    const wiring = wireStream(stream, { stdin: Readable.from([]), stdout, stderr }, { tty: false, multiplexed: true, stdin: false });
    engineSide.write(frame(1, 'x'.repeat(64)));
    await new Promise((r) => setTimeout(r, 20));
    expect(stream.isPaused()).toBe(true);
    release!();
    await new Promise((r) => setTimeout(r, 20));
    expect(stream.isPaused()).toBe(false);
    engineSide.end(frame(2, 'done\n'));
    await wiring.done;
    expect(Buffer.concat(written).toString()).toBe('x'.repeat(64));
    expect(stderr.text()).toBe('done\n');
  });
});
