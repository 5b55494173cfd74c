// Engine API JSON → tcompose's engine-owned plain types.
import type {
  ContainerDetails,
  ContainerSummary,
  ImageSummary,
  NetworkSummary,
  PortBinding,
  VolumeSummary,
} from '../types.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- API JSON is untyped at this boundary */
type Json = any;

const stripSlash = (name: string): string => (name.startsWith('/') ? name.slice(1) : name);

export function toContainerSummary(c: Json): ContainerSummary {
  return {
    id: c.Id,
    name: stripSlash((c.Names ?? [''])[0] ?? ''),
    image: c.Image ?? '',
    imageId: c.ImageID ?? '',
    command: c.Command ?? '',
    created: c.Created ?? 0,
    state: c.State ?? '',
    status: c.Status ?? '',
    labels: c.Labels ?? {},
    ports: (c.Ports ?? []).map(
      (p: Json): PortBinding => ({ privatePort: p.PrivatePort, publicPort: p.PublicPort, ip: p.IP, type: p.Type }),
    ),
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).map((m: Json) => ({ type: m.Type, name: m.Name, source: m.Source, destination: m.Destination })),
  };
}

/** NetworkSettings.Ports {"80/tcp": [{HostIp, HostPort}] | null} → flat bindings. */
function portsFromSettings(ports: Json): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, bindings] of Object.entries<Json>(ports ?? {})) {
    const [port, type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings) {
      out.push({ privatePort, type });
      continue;
    }
    for (const b of bindings) out.push({ privatePort, publicPort: Number(b.HostPort), ip: b.HostIp, type });
  }
  return out;
}

export function toContainerDetails(c: Json): ContainerDetails {
  const s = c.State ?? {};
  return {
    id: c.Id,
    name: stripSlash(c.Name ?? ''),
    imageId: c.Image ?? '',
    created: c.Created ?? '',
    restartCount: c.RestartCount ?? 0,
    config: {
      image: c.Config?.Image ?? '',
      labels: c.Config?.Labels ?? {},
      env: c.Config?.Env ?? [],
      tty: Boolean(c.Config?.Tty),
      openStdin: Boolean(c.Config?.OpenStdin),
      cmd: c.Config?.Cmd ?? undefined,
      entrypoint: c.Config?.Entrypoint ?? undefined,
      workingDir: c.Config?.WorkingDir || undefined,
      user: c.Config?.User || undefined,
    },
    state: {
      status: s.Status ?? '',
      running: Boolean(s.Running),
      paused: Boolean(s.Paused),
      restarting: Boolean(s.Restarting),
      exitCode: s.ExitCode ?? 0,
      error: s.Error ?? '',
      startedAt: s.StartedAt ?? '',
      finishedAt: s.FinishedAt ?? '',
      oomKilled: Boolean(s.OOMKilled),
      health: s.Health
        ? {
            status: s.Health.Status,
            failingStreak: s.Health.FailingStreak ?? 0,
            log: (s.Health.Log ?? []).map((l: Json) => ({ exitCode: l.ExitCode, output: l.Output ?? '', start: l.Start })),
          }
        : undefined,
    },
    mounts: (c.Mounts ?? []).map((m: Json) => ({
      type: m.Type,
      name: m.Name,
      source: m.Source,
      destination: m.Destination,
      rw: Boolean(m.RW),
    })),
    networks: Object.fromEntries(
      Object.entries<Json>(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => [
        name,
        { aliases: n.Aliases ?? [], ipAddress: n.IPAddress ?? '', networkId: n.NetworkID ?? '' },
      ]),
    ),
    ports: portsFromSettings(c.NetworkSettings?.Ports),
    hostConfig: c.HostConfig ?? {},
  };
}

export function toNetworkSummary(n: Json): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver ?? '',
    labels: n.Labels ?? {},
    internal: Boolean(n.Internal),
    attachable: Boolean(n.Attachable),
    enableIPv6: Boolean(n.EnableIPv6),
    options: n.Options ?? {},
    ipam: { driver: n.IPAM?.Driver, config: n.IPAM?.Config ?? [], options: n.IPAM?.Options ?? undefined },
    containers: Object.keys(n.Containers ?? {}),
    containerNames: Object.fromEntries(Object.entries((n.Containers ?? {}) as Record<string, { Name?: string }>).map(([id, c]) => [id, c.Name ?? id.slice(0, 12)])),
  };
}

export function toVolumeSummary(v: Json): VolumeSummary {
  return {
    name: v.Name,
    driver: v.Driver ?? '',
    labels: v.Labels ?? {},
    options: v.Options ?? {},
    mountpoint: v.Mountpoint ?? '',
  };
}

export function toImageSummary(i: Json): ImageSummary {
  return {
    id: i.Id,
    repoTags: i.RepoTags ?? [],
    repoDigests: i.RepoDigests ?? [],
    created: typeof i.Created === 'string' ? Math.floor(Date.parse(i.Created) / 1000) : (i.Created ?? 0),
    size: i.Size ?? 0,
    labels: i.Labels ?? i.Config?.Labels ?? {},
    ...(i.Metadata?.LastTagTime && !i.Metadata.LastTagTime.startsWith('0001') ? { lastTagTime: Math.floor(Date.parse(i.Metadata.LastTagTime) / 1000) } : {}),
  };
}
