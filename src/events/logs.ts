// What the log streams carry: produced by app/logs.ts, rendered by ui/logs, and handed to API
// users as they are.

export interface LogLine {
  readonly service: string;
  /** Container name, e.g. "demo-api-1". */
  readonly container: string;
  /** The container's replica number (com.docker.compose.container-number). */
  readonly number: number;
  readonly stream: 'stdout' | 'stderr';
  /** The line without its end of line (LF or CRLF); invalid UTF-8 shows as U+FFFD. */
  readonly text: string;
  /** The engine's RFC 3339 timestamp (UTC, nanoseconds). */
  readonly timestamp?: string;
}

/** A followed container stopped (attached `up` prints "api-1 exited with code 3"). */
export interface ContainerExit {
  readonly kind: 'exit';
  readonly service: string;
  readonly container: string;
  readonly number: number;
  readonly id: string;
  readonly exitCode: number;
  /** Its restart policy brings it back. */
  readonly restarting: boolean;
}

export type LogItem = LogLine | ContainerExit;

export const isExit = (item: LogItem): item is ContainerExit => (item as ContainerExit).kind === 'exit';
