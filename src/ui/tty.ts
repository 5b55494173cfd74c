// Terminal plumbing for interactive commands (exec, run, attach): raw mode, window size, and
// wiring a container's hijacked stream to our stdin/stdout/stderr.
import type { Duplex, Readable, Writable } from 'node:stream';

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
 * Splits the engine's multiplexed stream (frames of an 8-byte header — stream type, 3 zero
 * bytes, big-endian length — then the payload) into stdout and stderr.
 */
export function demultiplexer(stdout: Writable, stderr: Writable): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      const payload = pending.subarray(8, 8 + size);
      (pending[0] === 2 ? stderr : stdout).write(payload);
      pending = pending.subarray(8 + size);
    }
  };
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
  const write = options.multiplexed ? demultiplexer(io.stdout, io.stderr) : (chunk: Buffer) => void io.stdout.write(chunk);
  stream.on('data', (chunk: Buffer) => write(chunk));
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
