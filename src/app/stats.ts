// stats: resource usage of the project's containers, computed the way `docker stats` does.
import type { Readable } from 'node:stream';
import type { ContainerSummary } from '../engine/types.js';
import { projectContainers } from '../state/containers.js';
import { Label } from '../state/labels.js';
import type { AppContext } from './context.js';

export interface ContainerStats {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly cpuPercent: number;
  readonly memUsage: number;
  readonly memLimit: number;
  readonly memPercent: number;
  readonly netRx: number;
  readonly netTx: number;
  readonly blockRead: number;
  readonly blockWrite: number;
  readonly pids: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the engine's stats JSON */
export function computeStats(c: ContainerSummary, s: any): ContainerStats {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const m = s.memory_stats ?? {};
  // Page cache is not the container's own use: cgroup v1 reports it as total_inactive_file, v2 as inactive_file.
  const cache = m.stats?.total_inactive_file ?? m.stats?.inactive_file ?? 0;
  const memUsage = Math.max(0, (m.usage ?? 0) - (cache < (m.usage ?? 0) ? cache : 0));
  const memLimit = m.limit ?? 0;
  let netRx = 0;
  let netTx = 0;
  for (const n of Object.values<any>(s.networks ?? {})) {
    netRx += n.rx_bytes ?? 0;
    netTx += n.tx_bytes ?? 0;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = String(e.op).toLowerCase();
    if (op === 'read') blockRead += e.value ?? 0;
    else if (op === 'write') blockWrite += e.value ?? 0;
  }
  return {
    id: c.id,
    name: c.name,
    service: c.labels[Label.service] ?? '',
    cpuPercent,
    memUsage,
    memLimit,
    memPercent: memLimit ? (memUsage / memLimit) * 100 : 0,
    netRx,
    netTx,
    blockRead,
    blockWrite,
    pids: s.pids_stats?.current ?? 0,
  };
}

export interface StatsRequest {
  readonly services?: readonly string[];
  /** Stopped containers too (they show zeros). */
  readonly all?: boolean;
}

async function containersFor(ctx: AppContext, req: StatsRequest): Promise<ContainerSummary[]> {
  const engine = await ctx.engine();
  // One-off `run` containers too, as docker compose stats (the project label only) shows them.
  return projectContainers(engine, ctx.project.name, { services: req.services, oneoff: 'any', all: req.all ?? false });
}

/** One sample of every container. */
export async function statsOnce(ctx: AppContext, req: StatsRequest = {}): Promise<ContainerStats[]> {
  const engine = await ctx.engine();
  const containers = await containersFor(ctx, req);
  return Promise.all(
    containers.map(async (c) => {
      if (c.state !== 'running') return computeStats(c, {});
      return computeStats(c, JSON.parse(await readAll(await engine.statsContainer(c.id, false))));
    }),
  );
}

/** Calls `onSample` with every container's latest numbers about once a second, until ctx.signal aborts. */
export async function statsStream(ctx: AppContext, req: StatsRequest, onSample: (rows: ContainerStats[]) => void): Promise<void> {
  const engine = await ctx.engine();
  const containers = await containersFor(ctx, req);
  const latest = new Map<string, ContainerStats>(containers.map((c) => [c.id, computeStats(c, {})]));
  const streams: Readable[] = [];
  await Promise.all(
    containers.filter((c) => c.state === 'running').map(async (c) => {
      const stream = await engine.statsContainer(c.id, true);
      streams.push(stream);
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        rest += chunk.toString('utf8');
        let nl: number;
        while ((nl = rest.indexOf('\n')) >= 0) {
          const line = rest.slice(0, nl).trim();
          rest = rest.slice(nl + 1);
          if (line) latest.set(c.id, computeStats(c, JSON.parse(line)));
        }
      });
      stream.on('error', () => {});
    }),
  );
  const emit = (): void => onSample(containers.map((c) => latest.get(c.id)!));
  await new Promise<void>((resolve) => {
    const timer = setInterval(emit, 1000);
    const stop = (): void => {
      clearInterval(timer);
      for (const s of streams) s.destroy();
      resolve();
    };
    if (ctx.signal?.aborted) stop();
    ctx.signal?.addEventListener('abort', stop, { once: true });
  });
}

function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}

/** docker's binary sizes for memory: "1.5MiB". */
export function binarySize(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i ? n.toFixed(2).replace(/\.?0+$/, '') : n}${units[i]}`;
}

/** docker's decimal sizes for network and block I/O: "646B", "1.2kB". */
export function decimalSize(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i ? Number(n.toPrecision(3)) : n}${units[i]}`;
}

/** The row as `docker stats --format json` writes it. */
export function statsJson(s: ContainerStats): Record<string, string> {
  return {
    BlockIO: `${decimalSize(s.blockRead)} / ${decimalSize(s.blockWrite)}`,
    CPUPerc: `${s.cpuPercent.toFixed(2)}%`,
    Container: s.id.slice(0, 12),
    ID: s.id.slice(0, 12),
    MemPerc: `${s.memPercent.toFixed(2)}%`,
    MemUsage: `${binarySize(s.memUsage)} / ${binarySize(s.memLimit)}`,
    Name: s.name,
    NetIO: `${decimalSize(s.netRx)} / ${decimalSize(s.netTx)}`,
    PIDs: String(s.pids),
  };
}
