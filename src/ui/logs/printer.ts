// Renders log lines: "service-1  | text", prefixes padded to the widest one, one stable colour
// per service. Output is written in batches, awaiting 'drain' when the pipe is full so that a
// slow reader slows the engine streams down instead of growing memory.
import type { Writable } from 'node:stream';
import type { ContainerExit, LogLine } from '../../events/logs.js';

/** What the printer takes: log lines, and container exits (printed as "api-1 exited with code 3"). */
export type PrintableLine = LogLine;
export type PrintableExit = Omit<ContainerExit, 'id'>;

export interface PrinterOptions {
  /** Project name: default container names are shown without it, as docker compose does. */
  readonly project: string;
  readonly color: boolean;
  readonly prefix: boolean;
  readonly timestamps: boolean;
  readonly out: Writable;
  /** Where stderr lines go; undefined = `out` too (e.g. in a terminal, to keep the order). */
  readonly err?: Writable;
}

// Normal then bright ANSI foreground colours (no red/bright red first: they read as errors).
const PALETTE = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94, 31, 91];

/** FNV-1a: a service keeps its colour across runs and whatever else runs with it. */
export function serviceColor(service: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < service.length; i++) h = Math.imul(h ^ service.charCodeAt(i), 0x01000193);
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}

export class LogPrinter {
  private width = 0;
  private readonly prefixes = new Map<string, string>();

  constructor(private readonly options: PrinterOptions) {}

  /** Makes room for these display names up front, so early lines line up with later ones. */
  reserve(names: Iterable<string>): void {
    for (const n of names) this.widen(n);
  }

  private widen(name: string): void {
    if (name.length > this.width) {
      this.width = name.length;
      this.prefixes.clear();
    }
  }

  /** "api-1" for "<project>-api-1"; a custom container_name is shown as it is. */
  displayName(container: string, service: string, number: number): string {
    return container === `${this.options.project}-${service}-${number}` ? `${service}-${number}` : container;
  }

  private prefix(line: PrintableLine): string {
    let p = this.prefixes.get(line.container);
    if (p === undefined) {
      const name = this.displayName(line.container, line.service, line.number);
      const service = line.service;
      this.widen(name);
      const text = `${name.padEnd(this.width)} |`;
      p = this.options.color ? `\u001b[${serviceColor(service)}m${text}\u001b[0m ` : `${text} `;
      this.prefixes.set(line.container, p);
    }
    return p;
  }

  /** One line as printed (newline included). */
  format(line: PrintableLine): string {
    let s = this.options.prefix ? this.prefix(line) : '';
    if (this.options.timestamps && line.timestamp) s += line.timestamp + ' ';
    return s + line.text + '\n';
  }

  /** "api-1 exited with code 3", coloured like the service's lines. */
  status(service: string, name: string, message: string): string {
    const who = this.options.color ? `\u001b[${serviceColor(service)}m${name}\u001b[0m` : name;
    return `${who} ${message}\n`;
  }

  /** Writes a batch of lines (and exits); resolves when the output can take more. */
  async write(lines: readonly (PrintableLine | PrintableExit)[]): Promise<void> {
    let out = '';
    let err = '';
    const split = this.options.err !== undefined;
    for (const l of lines) {
      if ('kind' in l) {
        const name = this.displayName(l.container, l.service, l.number);
        out += this.status(l.service, name, `exited with code ${l.exitCode}${l.restarting ? ' (restarting)' : ''}`);
      } else if (split && l.stream === 'stderr') err += this.format(l);
      else out += this.format(l);
    }
    await Promise.all([put(this.options.out, out), split ? put(this.options.err!, err) : undefined]);
  }

  /** Writes already formatted text (status lines). */
  async raw(text: string): Promise<void> {
    await put(this.options.out, text);
  }
}

function put(stream: Writable, text: string): Promise<void> | undefined {
  if (!text) return undefined;
  if (stream.write(text)) return undefined;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
