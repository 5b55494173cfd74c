import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogPrinter, serviceColor, type PrintableLine } from '../../../src/ui/logs/printer.js';
import { parseDuration } from '../../../src/loader/duration.js';
import { parseLogTime } from '../../../src/ui/logs/time.js';

const line = (service: string, number: number, text: string, extra: Partial<PrintableLine> = {}): PrintableLine => ({
  service,
  container: `demo-${service}-${number}`,
  number,
  stream: 'stdout',
  text,
  ...extra,
});

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe('LogPrinter', () => {
  it('pads prefixes to the widest name and strips the project from default names', async () => {
    const out = sink();
    const p = new LogPrinter({ project: 'demo', color: false, prefix: true, timestamps: false, out: out.stream });
    p.reserve(['api-1', 'worker-12']);
    await p.write([line('api', 1, 'hello'), line('worker', 12, 'busy'), { ...line('db', 1, 'custom'), container: 'my-db' }]);
    expect(out.text()).toBe('api-1     | hello\nworker-12 | busy\nmy-db     | custom\n');
  });

  it('colours the prefix with a stable colour per service, and not the text', () => {
    const p = new LogPrinter({ project: 'demo', color: true, prefix: true, timestamps: false, out: new PassThrough() });
    const a = p.format(line('api', 1, 'x'));
    const b = p.format(line('api', 2, 'y'));
    expect(a).toBe(`\u001b[${serviceColor('api')}mapi-1 |\u001b[0m x\n`);
    expect(b.startsWith(`\u001b[${serviceColor('api')}m`)).toBe(true);
    expect(serviceColor('api')).toBe(serviceColor('api'));
  });

  it('prints timestamps after the prefix with -t, and bare text with --no-log-prefix', () => {
    const ts = '2024-05-01T10:00:00.000000001Z';
    const withTs = new LogPrinter({ project: 'demo', color: false, prefix: true, timestamps: true, out: new PassThrough() });
    expect(withTs.format(line('api', 1, 'x', { timestamp: ts }))).toBe(`api-1 | ${ts} x\n`);
    const bare = new LogPrinter({ project: 'demo', color: false, prefix: false, timestamps: false, out: new PassThrough() });
    expect(bare.format(line('api', 1, 'x', { timestamp: ts }))).toBe('x\n');
  });

  it('sends stderr lines to their own stream when asked', async () => {
    const out = sink();
    const err = sink();
    const p = new LogPrinter({ project: 'demo', color: false, prefix: true, timestamps: false, out: out.stream, err: err.stream });
    await p.write([line('api', 1, 'o'), line('api', 1, 'e', { stream: 'stderr' })]);
    expect(out.text()).toBe('api-1 | o\n');
    expect(err.text()).toBe('api-1 | e\n');
  });

  it('waits for drain when the output is full', async () => {
    const slow = new PassThrough({ highWaterMark: 16 });
    const p = new LogPrinter({ project: 'demo', color: false, prefix: false, timestamps: false, out: slow });
    let done = false;
    const w = p.write([line('api', 1, 'x'.repeat(100))]).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    slow.resume();
    await w;
    expect(done).toBe(true);
  });

  it('formats status lines', () => {
    const p = new LogPrinter({ project: 'demo', color: false, prefix: true, timestamps: false, out: new PassThrough() });
    expect(p.status('api', 'api-1', 'exited with code 3')).toBe('api-1 exited with code 3\n');
  });
});

describe('--since / --until values', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('reads durations, unix timestamps and RFC 3339 dates', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseLogTime('10m', '--since', now)).toBe(now / 1000 - 600);
    expect(parseLogTime('1700000000', '--since', now)).toBe(1_700_000_000);
    expect(parseLogTime('1700000000.5', '--since', now)).toBe(1_700_000_000.5);
    expect(parseLogTime('2024-05-01T10:00:00Z', '--since', now)).toBe(Date.parse('2024-05-01T10:00:00Z') / 1000);
    expect(parseLogTime('2024-05-01T10:00:00.25+02:00', '--since', now)).toBe(Date.parse('2024-05-01T08:00:00Z') / 1000 + 0.25);
    expect(parseLogTime('2024-05-01', '--since', now)).toBe(Date.parse('2024-05-01T00:00:00Z') / 1000);
  });
  it('rejects anything else naming the flag', () => {
    expect(() => parseLogTime('yesterday', '--until', now)).toThrow(/--until/);
    expect(() => parseLogTime('10x', '--since', now)).toThrow(/--since/);
  });
});
