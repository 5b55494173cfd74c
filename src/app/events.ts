// events: the engine's container events for the project, in docker compose's shape.
import { Label, projectFilter } from '../state/labels.js';
import { onAbort } from './abort.js';
import type { AppContext } from './context.js';
import { compareText } from '../model/order.js';

export interface ComposeEvent {
  /** RFC 3339 with nanoseconds. */
  readonly time: string;
  readonly type: string;
  readonly action: string;
  readonly id: string;
  readonly service: string;
  /** The engine's attributes without compose's own labels (image, name, exitCode, …). */
  readonly attributes: Readonly<Record<string, string>>;
}

function rfc3339(seconds: number, timeNano: number): string {
  const nanos = timeNano ? Math.max(0, Math.round(timeNano - seconds * 1e9)) : 0;
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, `.${String(nanos).padStart(9, '0')}Z`);
}

/** Events until `ctx.signal` aborts. */
export async function* events(ctx: AppContext, req: { readonly services?: readonly string[] } = {}): AsyncIterable<ComposeEvent> {
  const engine = await ctx.engine();
  const stop = new AbortController();
  const unsubscribe = onAbort(ctx.signal, () => stop.abort());
  const wanted = req.services?.length ? new Set(req.services) : undefined;
  try {
    for await (const e of engine.events({ labels: projectFilter(ctx.project.name), types: ['container'] }, stop.signal)) {
      const service = e.attributes[Label.service] ?? '';
      if (wanted && !wanted.has(service)) continue;
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.attributes)) if (!k.startsWith('com.docker.compose.') && !k.startsWith('dev.tcompose.')) attributes[k] = v;
      yield { time: rfc3339(e.time, e.timeNano), type: e.type, action: e.action, id: e.id, service, attributes };
    }
  } finally {
    unsubscribe();
  }
}

/** The text form: "2024-05-30 07:59:30.123456 container start <id> (image=…, name=…)". */
export function formatEvent(e: ComposeEvent): string {
  const when = e.time.replace('T', ' ').replace(/\.(\d{6})\d*Z$/, '.$1');
  const attrs = Object.entries(e.attributes).sort(([a], [b]) => compareText(a, b)).map(([k, v]) => `${k}=${v}`);
  return `${when} ${e.type} ${e.action} ${e.id}${attrs.length ? ` (${attrs.join(', ')})` : ''}`;
}
