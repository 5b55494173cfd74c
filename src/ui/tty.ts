// Terminal plumbing for interactive commands (exec, run, attach): raw mode, window size, and
// wiring a container's hijacked stream to our stdin/stdout/stderr.
import type { Duplex, Readable, Writable } from 'node:stream';
import { FrameSplitter } from '../engine/frames.js';

export interface Stdio {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const processStdio = (): Stdio => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export const isTerminal = (s: Readable | Writable): boolean => Boolean((s as { isTTY?: boolean }).isTTY);

/** Raw mode on a terminal stdin: keys (Ctrl-C included) go to the container as typed. Returns the undo. */
export function rawMode(stdin: Readable): () => void {
  const tty = stdin as NodeJS.ReadStream;
  if (!tty.isTTY || typeof tty.setRawMode !== 'function') return () => {};
  const was = tty.isRaw;
  tty.setRawMode(true);
  return () => {
    try {
      tty.setRawMode(was);
    } catch {
      // the terminal went away: nothing to restore
    }
  };
}

/** The terminal's size, when stdout is a terminal. */
export function terminalSize(stdout: Writable): { rows: number; cols: number } | undefined {
  const tty = stdout as NodeJS.WriteStream;
  return tty.isTTY && tty.rows && tty.columns ? { rows: tty.rows, cols: tty.columns } : undefined;
}

/** Calls `resize(rows, cols)` now and whenever the terminal changes size. Returns the unsubscribe. */
export function followSize(stdout: Writable, resize: (rows: number, cols: number) => void): () => void {
  const tty = stdout as NodeJS.WriteStream;
  if (!tty.isTTY) return () => {};
  const send = (): void => {
    if (tty.rows && tty.columns) resize(tty.rows, tty.columns);
  };
  send();
  tty.on('resize', send);
  return () => void tty.off('resize', send);
}

/**
 * Splits the engine's multiplexed stream (see FrameSplitter) into stdout and stderr, or passes
 * a raw one to stdout. `put` returns false when a destination asks the source to wait ('drain').
 */
export function demultiplexer(stdout: Writable, stderr: Writable, multiplexed = true): (chunk: Buffer, put?: (to: Writable, bytes: Buffer) => void) => void {
  const frames = new FrameSplitter(multiplexed);
  const write = (to: Writable, bytes: Buffer): void => void to.write(bytes);
  return (chunk, put = write) =>
    frames.push(chunk, {
      frame: () => {},
      data: (kind, buf, start, end) => put(kind === 'stderr' ? stderr : stdout, buf.subarray(start, end)),
    });
}

export interface Wiring {
  /** Resolves when the container side has closed its output. */
  readonly done: Promise<void>;
  /** Stops forwarding stdin and restores the terminal. */
  release(): void;
}

/**
 * Wires a hijacked engine stream to our stdio: output demultiplexed (unless the container has a
 * TTY), stdin forwarded when asked — its end half-closes the connection so `cat` sees EOF — and a
 * terminal stdin switched to raw mode while a TTY session runs.
 */
export function wireStream(
  stream: Duplex,
  io: Stdio,
  options: { readonly tty: boolean; readonly multiplexed: boolean; readonly stdin: boolean },
): Wiring {
  const split = demultiplexer(io.stdout, io.stderr, options.multiplexed);
  // Back-pressure: a slow reader of our output (`exec db pg_dump | slow`) pauses the engine
  // stream instead of the whole output piling up in memory.
  let waiting = 0;
  const resume = (): void => {
    if (--waiting === 0) stream.resume();
  };
  const put = (to: Writable, bytes: Buffer): void => {
    if (to.write(bytes) || to.destroyed) return;
    if (waiting++ === 0) stream.pause();
    const drained = (): void => {
      to.off('drain', drained).off('close', drained);
      resume();
    };
    to.on('drain', drained).on('close', drained);
  };
  stream.on('data', (chunk: Buffer) => split(chunk, put));
  const done = new Promise<void>((resolve) => {
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
  const restore = options.tty && options.stdin ? rawMode(io.stdin) : () => {};
  const forward = (chunk: Buffer): void => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(chunk);
  };
  const end = (): void => {
    if (!stream.destroyed && !stream.writableEnded) stream.end();
  };
  if (options.stdin) {
    io.stdin.on('data', forward);
    io.stdin.once('end', end);
    io.stdin.resume();
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    restore();
    io.stdin.off('data', forward);
    io.stdin.off('end', end);
    if (options.stdin) io.stdin.pause();
  };
  void done.then(release);
  return { done, release };
}

/** Clears the terminal and homes the cursor (for refreshing tables such as `stats`). */
export const clearScreen = (out: Writable): void => void out.write('\u001b[2J\u001b[H');
