// ps: the project's containers as typed rows.
import type { ContainerSummary } from '../engine/types.js';
import { containerNumber, projectContainers } from '../state/containers.js';
import { Label } from '../state/labels.js';
import type { AppContext } from './context.js';
import { compareText } from '../model/order.js';

export interface PublishedPort {
  readonly url: string; // host ip ("0.0.0.0", "::") or ""
  readonly targetPort: number;
  readonly publishedPort: number; // 0 when not published
  readonly protocol: string;
}

export interface ContainerInfo {
  readonly id: string;
  readonly name: string;
  readonly project: string;
  readonly service: string;
  readonly number: number;
  readonly oneoff: boolean;
  readonly image: string;
  readonly command: string;
  readonly created: number; // unix seconds
  readonly state: string; // running | exited | paused | restarting | created | dead | removing
  readonly status: string; // engine's text, e.g. "Up 5 seconds (healthy)"
  readonly health: string; // healthy | unhealthy | starting | ""
  readonly exitCode: number;
  readonly ports: readonly PublishedPort[];
  readonly labels: Readonly<Record<string, string>>;
  readonly networks: readonly string[];
  /** Mount sources: volume names, or host paths for binds. */
  readonly mounts: readonly string[];
  /** How many volumes (named or anonymous) the container mounts. */
  readonly localVolumes: number;
}

export interface PsRequest {
  /** -a: stopped containers too. */
  readonly all?: boolean;
  readonly services?: readonly string[];
  /** --status: keep only these states. */
  readonly status?: readonly string[];
  /** --orphans=false hides containers whose service is not in the file. Default true. */
  readonly orphans?: boolean;
}

const health = (status: string): string => /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1]?.replace('health: ', '') ?? '';
const exitCode = (status: string): number => Number(/^Exited \((\d+)\)/.exec(status)?.[1] ?? 0);

export function toContainerInfo(c: ContainerSummary): ContainerInfo {
  return {
    id: c.id,
    name: c.name,
    project: c.labels[Label.project] ?? '',
    service: c.labels[Label.service] ?? '',
    number: containerNumber(c),
    oneoff: c.labels[Label.oneoff] === 'True',
    image: c.image,
    command: c.command,
    created: c.created,
    state: c.state,
    status: c.status,
    health: health(c.status),
    exitCode: exitCode(c.status),
    ports: c.ports
      .map((p) => ({ url: p.ip ?? '', targetPort: p.privatePort, publishedPort: p.publicPort ?? 0, protocol: p.type }))
      // IPv4 bindings before IPv6 ones, as docker prints them.
      .sort((a, b) => a.targetPort - b.targetPort || a.publishedPort - b.publishedPort || Number(a.url.includes(':')) - Number(b.url.includes(':'))),
    labels: c.labels,
    networks: [...c.networks].sort(),
    mounts: c.mounts.map((m) => m.name ?? m.source ?? m.destination),
    localVolumes: c.mounts.filter((m) => m.type === 'volume').length,
  };
}

export async function ps(ctx: AppContext, req: PsRequest = {}): Promise<ContainerInfo[]> {
  const engine = await ctx.engine();
  // One-off `run` containers only with --all, as docker compose shows them.
  const list = await projectContainers(engine, ctx.project.name, { services: req.services, oneoff: req.all ? 'any' : false });
  const known = (svc: string): boolean => svc in ctx.project.services || svc in ctx.project.disabledServices;
  return list
    .map(toContainerInfo)
    .filter((c) => req.all || c.state === 'running' || c.state === 'restarting' || c.state === 'paused' || (req.status?.length ?? 0) > 0)
    .filter((c) => !req.status?.length || req.status.includes(c.state))
    .filter((c) => req.orphans !== false || known(c.service))
    .sort((a, b) => compareText(a.service, b.service) || a.number - b.number || compareText(a.name, b.name));
}

/** "0.0.0.0:8080->80/tcp, :::8080->80/tcp" like docker compose ps. */
export function formatPorts(ports: readonly PublishedPort[]): string {
  return ports
    .map((p) => (p.publishedPort ? `${p.url.includes(':') ? `[${p.url}]` : p.url}:${p.publishedPort}->${p.targetPort}/${p.protocol}` : `${p.targetPort}/${p.protocol}`))
    .join(', ');
}
