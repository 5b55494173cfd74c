import { describe, expect, it } from 'vitest';
import { LogDecoder, timestampSeconds, type DecodedLine } from '../../../src/ui/logs/decode.js';

const frame = (type: number, payload: string | Buffer): Buffer => {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const h = Buffer.alloc(8);
  h[0] = type;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
};

/** Feeds `bytes` in chunks of `size` (1 = every byte on its own). */
function decode(bytes: Buffer, options: { multiplexed: boolean; timestamps?: boolean; maxLineBytes?: number }, size = bytes.length): DecodedLine[] {
  const d = new LogDecoder({ timestamps: false, ...options });
  const out: DecodedLine[] = [];
  for (let i = 0; i < bytes.length; i += size) d.push(bytes.subarray(i, i + size), out);
  d.end(out);
  return out;
}

const TS1 = '2024-05-01T10:00:00.000000001Z';
const TS2 = '2024-05-01T10:00:00.500000000Z';

describe('LogDecoder', () => {
  const stream = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err one\n'), frame(1, 'out two\n')]);
  const expected = [
    { stream: 'stdout', text: 'out one' },
    { stream: 'stderr', text: 'err one' },
    { stream: 'stdout', text: 'out two' },
  ];

  it('demultiplexes stdout and stderr frames', () => {
    expect(decode(stream, { multiplexed: true })).toEqual(expected);
  });

  it('gives the same lines whatever the chunk boundaries (headers and payloads split)', () => {
    for (const size of [1, 2, 3, 5, 7, 8, 9, 13]) expect(decode(stream, { multiplexed: true }, size)).toEqual(expected);
  });

  it('joins a line split over several frames, and keeps stdout and stderr partials apart', () => {
    const s = Buffer.concat([frame(1, 'hel'), frame(2, 'oops'), frame(1, 'lo\n'), frame(2, '!\n')]);
    expect(decode(s, { multiplexed: true })).toEqual([
      { stream: 'stdout', text: 'hello' },
      { stream: 'stderr', text: 'oops!' },
    ]);
  });

  it('reads raw (tty) streams as stdout, strips CR before LF, keeps a final partial line', () => {
    const s = Buffer.from('a\r\nb\n\r\nlast');
    for (const size of [1, 4, 100]) {
      expect(decode(s, { multiplexed: false }, size).map((l) => l.text)).toEqual(['a', 'b', '', 'last']);
    }
  });

  it('keeps invalid UTF-8 and binary noise inside their own line', () => {
    const noisy = Buffer.concat([Buffer.from('ok1\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x00, 0x1b]), Buffer.from('\nok2\n')]);
    const lines = decode(frame(1, noisy), { multiplexed: true }, 3);
    expect(lines.map((l) => l.text)).toEqual(['ok1', '\ufffd\ufffd\ufffd\u0000\u001b', 'ok2']);
  });

  it('does not split a multi-byte character split across chunks', () => {
    const s = frame(1, 'é€😀\n');
    expect(decode(s, { multiplexed: true }, 1)[0]!.text).toBe('é€😀');
  });

  it('cuts very long lines into bounded pieces on character boundaries, without touching the next line', () => {
    const long = '€'.repeat(1000); // 3000 bytes
    const lines = decode(frame(1, `${long}\nnext\n`), { multiplexed: true, maxLineBytes: 1024 }, 100);
    expect(lines.map((l) => l.text).join('')).toBe(long + 'next');
    expect(lines.at(-1)!.text).toBe('next');
    for (const l of lines.slice(0, -1)) expect(Buffer.byteLength(l.text)).toBeLessThanOrEqual(1024);
    expect(lines.some((l) => l.text.includes('\ufffd'))).toBe(false);
  });

  it('takes the timestamp off each entry, also when it is split across chunks', () => {
    const s = Buffer.concat([frame(1, `${TS1} first\n`), frame(2, `${TS2} second\n`)]);
    for (const size of [1, 10, 1000]) {
      expect(decode(s, { multiplexed: true, timestamps: true }, size)).toEqual([
        { stream: 'stdout', text: 'first', timestamp: TS1 },
        { stream: 'stderr', text: 'second', timestamp: TS2 },
      ]);
    }
  });

  it('joins a long line the engine split into entries, each with its own timestamp', () => {
    const s = Buffer.concat([frame(1, `${TS1} part one, `), frame(1, `${TS2} part two\n`)]);
    expect(decode(s, { multiplexed: true, timestamps: true })).toEqual([{ stream: 'stdout', text: 'part one, part two', timestamp: TS1 }]);
  });

  it('reads timestamps in raw streams line by line', () => {
    const s = Buffer.from(`${TS1} a\r\n${TS2} b\n`);
    expect(decode(s, { multiplexed: false, timestamps: true }, 7)).toEqual([
      { stream: 'stdout', text: 'a', timestamp: TS1 },
      { stream: 'stdout', text: 'b', timestamp: TS2 },
    ]);
  });

  it('falls back to raw output when the bytes are not frames', () => {
    const lines = decode(Buffer.from('plain text that is no frame\nsecond\n'), { multiplexed: true }, 5);
    expect(lines.map((l) => l.text)).toEqual(['plain text that is no frame', 'second']);
  });

  it('converts engine timestamps to unix seconds', () => {
    expect(timestampSeconds('1970-01-01T00:00:10.250000000Z')).toBeCloseTo(10.25, 6);
    expect(Number.isNaN(timestampSeconds('nope'))).toBe(true);
  });
});
