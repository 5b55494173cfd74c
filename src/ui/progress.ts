// Renders progress events: listr2 in a terminal, plain lines in CI/pipes, JSON lines for
// machines, nothing when quiet. Warnings always reach stderr.
import type { ProgressEvent, ProgressSink } from '../events/types.js';
import { verbsOf } from '../plan/format.js';
import type { PlanNode } from '../plan/types.js';
import { plain, style, useColor, type AnsiMode } from './ansi.js';

export type ProgressMode = 'auto' | 'tty' | 'plain' | 'json' | 'quiet';

export interface ProgressRenderer {
  readonly sink: ProgressSink;
  /** Flushes and stops rendering (waits for the terminal renderer to finish). */
  close(): Promise<void>;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const title = (n: PlanNode): string => {
  const [kind] = n.op.kind.split('.');
  const noun = kind === 'service' ? 'Service' : kind![0]!.toUpperCase() + kind!.slice(1);
  return `${noun} ${n.resource.replace(/^\S+ /, '')}`;
};

function plainRenderer(out: NodeJS.WriteStream, color: boolean): ProgressRenderer {
  const c = color ? style : plain;
  const write = (line: string): void => void out.write(line + '\n');
  return {
    sink: (e: ProgressEvent) => {
      switch (e.type) {
        case 'node.start':
          write(` ${title(e.node)}  ${verbsOf(e.node)[0]}`);
          break;
        case 'node.progress':
          write(` ${title(e.node)}  ${e.detail}`);
          break;
        case 'node.done':
          write(` ${title(e.node)}  ${e.outcome ? c.yellow(e.outcome) : c.green(verbsOf(e.node)[1])} ${c.dim(seconds(e.elapsedMs))}`);
          break;
        case 'node.fail':
          write(` ${title(e.node)}  ${c.red('Error')} ${e.error.message.split('\n')[0]}`);
          break;
        case 'node.skip':
          write(` ${title(e.node)}  ${c.yellow('Skipped')} (${e.because === 'interrupted' ? 'interrupted' : `${e.because} failed`})`);
          break;
        case 'warning':
          process.stderr.write(`${c.yellow('WARN')} ${e.message}\n`);
          break;
        case 'info':
          write(e.message);
          break;
      }
    },
    close: async () => {},
  };
}

function jsonRenderer(out: NodeJS.WriteStream): ProgressRenderer {
  return {
    sink: (e: ProgressEvent) => {
      const base = { type: e.type, time: new Date().toISOString() };
      let line: Record<string, unknown>;
      switch (e.type) {
        case 'plan.begin':
        case 'plan.end':
          line = { ...base, nodes: e.plan.nodes.length };
          break;
        case 'node.start':
        case 'node.done':
        case 'node.fail':
        case 'node.skip':
        case 'node.progress':
          line = {
            ...base,
            id: e.node.id,
            operation: e.node.op.kind,
            resource: e.node.resource,
            reason: e.node.reason,
            ...('elapsedMs' in e ? { elapsedMs: Math.round(e.elapsedMs) } : {}),
            ...(e.type === 'node.fail' ? { error: e.error.message } : {}),
            ...(e.type === 'node.skip' ? { because: e.because } : {}),
            ...(e.type === 'node.done' && e.outcome ? { outcome: e.outcome } : {}),
            ...(e.type === 'node.progress' ? { detail: e.detail, current: e.current, total: e.total } : {}),
          };
          break;
        case 'warning':
        case 'info':
          line = { ...base, message: e.message };
          break;
      }
      out.write(JSON.stringify(line) + '\n');
    },
    close: async () => {},
  };
}

/** listr2 in a terminal: one line per resource (its operations in turn), state and elapsed time. */
async function ttyRenderer(out: NodeJS.WriteStream, color: boolean): Promise<ProgressRenderer> {
  const { Listr } = await import('listr2');
  const c = color ? style : plain;
  /** A line of the display. Events may arrive before listr2 has started its task. */
  interface Row {
    title: string;
    left: number; // operations not finished yet
    started?: number; // when its first operation started: the line shows the resource's total time
    error?: Error;
    task?: { title: string };
    finish?: (error?: Error) => void;
  }
  const rows = new Map<string, Row>();
  const runs: Promise<unknown>[] = [];
  const show = (row: Row, text: string): void => {
    row.title = text;
    if (row.task) row.task.title = text;
  };
  const settle = (e: ProgressEvent & { node: PlanNode }): void => {
    const row = rows.get(e.node.resource);
    if (!row) return;
    const name = title(e.node);
    if (e.type === 'node.start') {
      row.started ??= performance.now();
      show(row, `${name}  ${verbsOf(e.node)[0]}`);
    }
    else if (e.type === 'node.progress') show(row, `${name}  ${e.detail}`);
    else if (e.type === 'node.done') show(row, `${name}  ${e.outcome ? c.yellow(e.outcome) : c.green(verbsOf(e.node)[1])}  ${c.dim(seconds(performance.now() - (row.started ?? performance.now() - e.elapsedMs)))}`);
    else if (e.type === 'node.fail') {
      row.error = new Error(e.error.message.split('\n')[0]);
      show(row, `${name}  ${c.red('Error')}  ${row.error.message}`);
    } else if (e.type === 'node.skip' && !row.error) show(row, `${name}  ${c.yellow('Skipped')}`);
    if (e.type === 'node.done' || e.type === 'node.fail' || e.type === 'node.skip') {
      row.left--;
      if (row.left === 0) row.finish?.(row.error);
    }
  };
  return {
    sink: (e: ProgressEvent) => {
      if (e.type === 'plan.begin') {
        if (!e.plan.nodes.length) return;
        rows.clear();
        for (const node of e.plan.nodes) {
          const row = rows.get(node.resource);
          if (row) row.left++;
          else rows.set(node.resource, { title: `${title(node)}  ${c.dim('Waiting')}`, left: 1 });
        }
        const list = new Listr(
          [...rows.values()].map((row) => ({
            title: row.title,
            task: (_: unknown, task: { title: string }) =>
              new Promise<void>((resolve, reject) => {
                row.task = task;
                task.title = row.title;
                row.finish = (error) => (error ? reject(error) : resolve());
                if (row.left === 0) row.finish(row.error);
              }),
          })),
          {
            concurrent: true,
            // Ctrl-C is ours (graceful stop, then kill); listr2's own handler would exit 127 at once.
            registerSignalListeners: false,
            exitOnError: false,
            rendererOptions: { collapseErrors: false, formatOutput: 'truncate' },
            fallbackRenderer: 'simple',
          } as never,
        );
        runs.push(list.run().catch(() => undefined));
        return;
      }
      if ('node' in e) return settle(e);
      if (e.type === 'warning') process.stderr.write(`${c.yellow('WARN')} ${e.message}\n`);
      else if (e.type === 'info') out.write(e.message + '\n');
    },
    close: async () => {
      await Promise.all(runs);
    },
  };
}

export async function createProgress(mode: ProgressMode, ansi: AnsiMode, out: NodeJS.WriteStream = process.stderr): Promise<ProgressRenderer> {
  const color = useColor(ansi, out);
  const chosen = mode === 'auto' ? (out.isTTY && !process.env.CI ? 'tty' : 'plain') : mode;
  switch (chosen) {
    case 'tty':
      return ttyRenderer(out, color);
    case 'json':
      return jsonRenderer(out);
    case 'quiet':
      return {
        sink: (e) => {
          if (e.type === 'warning') process.stderr.write(`WARN ${e.message}\n`);
        },
        close: async () => {},
      };
    default:
      return plainRenderer(out, color);
  }
}
