// Service → the Engine API's container-create body. Pure: everything comes from the model.
import type { ContainerCreateBody, EndpointConfig } from '../engine/types.js';
import type { Project, Service, ServiceNetwork, ServicePort, ServiceVolume } from '../model/types.js';
import { parseDuration } from '../loader/duration.js';
import { parseBytes } from '../loader/units.js';
import { Label } from '../state/labels.js';
import { VERSION } from '../version.js';
import type { ContainerFile } from './types.js';
import { compareText } from '../model/order.js';

export interface ContainerIdentity {
  readonly project: Project;
  readonly service: Service;
  readonly number: number;
  readonly name: string;
  readonly configHash: string;
  /** Image ID the container will run (for com.docker.compose.image); may be unknown before a pull/build. */
  readonly imageId?: string;
  readonly oneoff?: boolean;
  readonly slug?: string;
  /** Service name → its container names (for links, network_mode/ipc/pid service:, volumes_from). */
  readonly containersOf: (service: string) => readonly string[];
  /** HTTP_PROXY & co. from the docker CLI's config (state/proxies.ts); the service's own environment wins. */
  readonly proxyEnv?: Readonly<Record<string, string>>;
}

export interface ContainerSpec {
  readonly body: ContainerCreateBody;
  readonly extraNetworks: { readonly network: string; readonly endpoint: EndpointConfig }[];
  readonly files: ContainerFile[];
}

const ns = (d: string | number | undefined): number | undefined =>
  d === undefined ? undefined : Math.round(parseDuration(d) * 1e6);

const bytes = (v: unknown): number | undefined =>
  v === undefined || v === null ? undefined : parseBytes(v as string | number);

/** A number the file may give as a string ("512"); the engine wants JSON numbers. */
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));

/** cpu_rt_period / cpu_rt_runtime: an integer of microseconds, or a duration. */
const micros = (v: unknown): number | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'number' || /^\d+$/.test(String(v)) ? Number(v) : Math.round(parseDuration(String(v)) * 1000);

const toEnv = (env: Readonly<Record<string, string | null>> | undefined): string[] | undefined =>
  env ? Object.entries(env).flatMap(([k, v]) => (v === null || v === undefined ? [] : [`${k}=${v}`])) : undefined;

/** The image reference a service runs: `image:`, else the default name of its build. */
export function imageRef(project: Project, service: Service): string {
  return service.image ?? `${project.name}-${service.name}`;
}

/** Default container name, `<project>-<service>-<n>`, unless container_name is set. */
export function containerName(project: Project, service: Service, number: number): string {
  return service.container_name ?? `${project.name}-${service.name}-${number}`;
}

/** Networks of a service, highest priority first, then by name (docker compose's order). */
export function serviceNetworks(service: Service): [string, ServiceNetwork | null][] {
  return Object.entries(service.networks ?? {}).sort(
    ([a, x], [b, y]) => (y?.priority ?? 0) - (x?.priority ?? 0) || compareText(a, b),
  );
}

function portRange(published: string | undefined): [number, number] | undefined {
  if (!published) return undefined;
  const [lo, hi] = published.split('-').map(Number);
  return [lo!, hi ?? lo!];
}

function portBindings(ports: readonly ServicePort[]): {
  exposed: Record<string, Record<string, never>>;
  bindings: Record<string, { HostIp: string; HostPort: string }[]>;
} {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    const key = `${p.target}/${p.protocol ?? 'tcp'}`;
    exposed[key] = {};
    const range = portRange(p.published);
    const list = (bindings[key] ??= []);
    list.push({ HostIp: p.host_ip ?? '', HostPort: range ? (range[0] === range[1] ? String(range[0]) : `${range[0]}-${range[1]}`) : '' });
  }
  return { exposed, bindings };
}

/** bind.recursive → the engine's BindOptions flag (as docker compose maps it). */
const RECURSIVE_OPTION = { disabled: 'NonRecursive', writable: 'ReadOnlyNonRecursive', readonly: 'ReadOnlyForceRecursive' } as const;

/** Volumes → Mounts (named, anonymous, tmpfs) and Binds (bind mounts, so SELinux/propagation work as docker does). */
function mounts(project: Project, volumes: readonly ServiceVolume[]): { binds: string[]; mounts: Record<string, unknown>[]; anonymous: Record<string, Record<string, never>> } {
  const binds: string[] = [];
  const out: Record<string, unknown>[] = [];
  const anonymous: Record<string, Record<string, never>> = {};
  for (const v of volumes) {
    if (v.type === 'bind') {
      const opts: string[] = [];
      if (v.read_only) opts.push('ro');
      if (v.bind?.selinux) opts.push(v.bind.selinux);
      if (v.bind?.propagation) opts.push(v.bind.propagation);
      if (v.consistency) opts.push(v.consistency);
      const recursive = v.bind?.recursive && v.bind.recursive !== 'enabled' ? RECURSIVE_OPTION[v.bind.recursive] : undefined;
      if (v.bind?.create_host_path === false || recursive) {
        // Mounts (not Binds) make the engine refuse a missing host path instead of creating it,
        // and are the only way to say how submounts are treated.
        // CreateMountpoint (API 1.42; older engines ignore it) keeps Binds' creation of a missing
        // host path when the mount API is used only for bind.recursive.
        const bindOptions = {
          ...(v.bind?.propagation ? { Propagation: v.bind.propagation } : {}),
          ...(recursive ? { [recursive]: true } : {}),
          ...(v.bind?.create_host_path !== false ? { CreateMountpoint: true } : {}),
        };
        out.push({ Type: 'bind', Source: v.source, Target: v.target, ReadOnly: Boolean(v.read_only), BindOptions: Object.keys(bindOptions).length ? bindOptions : undefined });
        continue;
      }
      binds.push(`${v.source}:${v.target}${opts.length ? ':' + opts.join(',') : ''}`);
    } else if (v.type === 'volume') {
      if (!v.source) {
        anonymous[v.target] = {};
        continue;
      }
      const declared = project.volumes[v.source];
      const volumeOptions: Record<string, unknown> = {};
      if (v.volume?.nocopy) volumeOptions.NoCopy = true;
      if (v.volume?.subpath) volumeOptions.Subpath = v.volume.subpath;
      out.push({
        Type: 'volume',
        Source: declared?.name ?? v.source,
        Target: v.target,
        ReadOnly: Boolean(v.read_only),
        ...(Object.keys(volumeOptions).length ? { VolumeOptions: volumeOptions } : {}),
      });
    } else if (v.type === 'tmpfs') {
      const tmpfsOptions: Record<string, unknown> = {};
      const size = bytes(v.tmpfs?.size);
      if (size !== undefined) tmpfsOptions.SizeBytes = size;
      if (v.tmpfs?.mode !== undefined) tmpfsOptions.Mode = v.tmpfs.mode;
      out.push({ Type: 'tmpfs', Target: v.target, ...(Object.keys(tmpfsOptions).length ? { TmpfsOptions: tmpfsOptions } : {}) });
    } else if (v.type === 'npipe') {
      out.push({ Type: 'npipe', Source: v.source, Target: v.target, ReadOnly: Boolean(v.read_only) });
    } else if (v.type === 'image') {
      out.push({ Type: 'image', Source: v.source, Target: v.target });
    }
  }
  return { binds, mounts: out, anonymous };
}

/** `service:x` / `container:x` references resolved to a container name. */
function resolveMode(mode: string | undefined, id: ContainerIdentity): string | undefined {
  if (!mode) return undefined;
  if (mode.startsWith('service:')) {
    const target = id.containersOf(mode.slice('service:'.length))[0];
    return target ? `container:${target}` : mode;
  }
  return mode;
}

/** docker compose v2's aliases: the container's own name, the service name, then the declared ones. */
function endpoint(name: string, service: Service, net: ServiceNetwork | null, links: string[] | undefined): EndpointConfig {
  const ep: EndpointConfig = { Aliases: [name, service.name, ...(net?.aliases ?? [])] };
  if (links?.length) ep.Links = links;
  const ipam: NonNullable<EndpointConfig['IPAMConfig']> = {};
  if (net?.ipv4_address) ipam.IPv4Address = net.ipv4_address;
  if (net?.ipv6_address) ipam.IPv6Address = net.ipv6_address;
  if (net?.link_local_ips?.length) ipam.LinkLocalIPs = [...net.link_local_ips];
  if (Object.keys(ipam).length) ep.IPAMConfig = ipam;
  if (net?.mac_address) ep.MacAddress = net.mac_address;
  if (net?.driver_opts) ep.DriverOpts = { ...net.driver_opts };
  if (net?.interface_name) ep.DriverOpts = { ...(ep.DriverOpts ?? {}), 'com.docker.network.endpoint.ifname': net.interface_name };
  if (net?.gw_priority !== undefined) ep.GwPriority = net.gw_priority;
  return ep;
}

/** `restart:`, overridden by `deploy.restart_policy` (condition any → always, none → no), as docker compose does. */
/** The endpoint of a service's container on one of its networks (no links), e.g. to reconnect it. */
export function serviceEndpoint(service: Service, name: string, networkKey: string): EndpointConfig {
  return endpoint(name, service, service.networks?.[networkKey] ?? null, undefined);
}

function restartPolicy(service: Service): { Name: string; MaximumRetryCount?: number } | undefined {
  const policy = (service.deploy as { restart_policy?: { condition?: string; max_attempts?: number | string } } | undefined)?.restart_policy;
  if (policy) {
    const cond = policy.condition ?? 'any';
    const name = cond === 'any' ? 'always' : cond === 'none' ? 'no' : cond;
    const count = num(policy.max_attempts);
    return count ? { Name: name, MaximumRetryCount: count } : { Name: name };
  }
  const restart = service.restart;
  if (!restart) return undefined;
  const [name, count] = restart.split(':');
  if (name === 'no') return { Name: 'no' };
  return count ? { Name: name!, MaximumRetryCount: Number(count) } : { Name: name! };
}

/** `ulimits:` (of a service or a build) as the engine takes them. */
export function ulimits(u: unknown): { Name: string; Soft: number; Hard: number }[] | undefined {
  if (!u || typeof u !== 'object') return undefined;
  return Object.entries(u as Record<string, number | string | { soft: number | string; hard: number | string }>).map(([name, v]) =>
    typeof v === 'object' ? { Name: name, Soft: Number(v.soft), Hard: Number(v.hard) } : { Name: name, Soft: Number(v), Hard: Number(v) },
  );
}

function extraHosts(h: unknown): string[] | undefined {
  if (!h) return undefined;
  if (Array.isArray(h)) return h.map((x) => String(x).replace(/=/, ':'));
  return Object.entries(h as Record<string, string | string[]>).flatMap(([host, ip]) =>
    (Array.isArray(ip) ? ip : [ip]).map((i) => `${host}:${i}`),
  );
}

const list = (v: unknown): string[] | undefined =>
  v === undefined || v === null ? undefined : Array.isArray(v) ? v.map(String) : [String(v)];

/** deploy.resources → HostConfig limits, the way docker compose maps them. */
function resources(service: Service, host: Record<string, unknown>): void {
  const deploy = service.deploy as { resources?: { limits?: Record<string, unknown>; reservations?: Record<string, unknown> } } | undefined;
  const limits = deploy?.resources?.limits;
  const reservations = deploy?.resources?.reservations;
  if (limits?.memory !== undefined) host.Memory = bytes(limits.memory);
  if (limits?.cpus !== undefined) host.NanoCpus = Math.round(Number(limits.cpus) * 1e9);
  if (limits?.pids !== undefined && Number(limits.pids) > 0) host.PidsLimit = Number(limits.pids);
  // reservations.cpus and .pids are swarm-only: docker compose maps only memory and devices.
  if (reservations?.memory !== undefined) host.MemoryReservation = bytes(reservations.memory);
  const requests = [
    ...((reservations?.devices as DeviceRequest[] | undefined) ?? []).map((d) => deviceRequest(d)),
    ...gpus(service.gpus).map((d) => deviceRequest(d, 'gpu')),
  ];
  // `devices:` names CDI devices as the docker CLI's --device does: one request to the cdi driver.
  const cdi = cdiDevices(service);
  if (cdi.length) requests.push({ Driver: 'cdi', DeviceIDs: cdi });
  if (requests.length) host.DeviceRequests = requests;
}

interface DeviceRequest {
  readonly capabilities?: readonly string[];
  readonly driver?: string;
  readonly count?: number | string;
  readonly device_ids?: readonly string[];
  readonly options?: Readonly<Record<string, string>>;
}

/** `gpus: all` or a list of device requests. */
function gpus(v: unknown): DeviceRequest[] {
  if (v === 'all') return [{ count: 'all' }];
  return Array.isArray(v) ? (v as DeviceRequest[]) : [];
}

/** A device request: count "all" (or neither count nor device_ids) means every device (-1). */
function deviceRequest(d: DeviceRequest, extraCapability?: string): Record<string, unknown> {
  const caps = [...(d.capabilities ?? []), ...(extraCapability && !d.capabilities?.includes(extraCapability) ? [extraCapability] : [])];
  return {
    Driver: d.driver ?? '',
    Count: d.count === 'all' || (d.count === undefined && !d.device_ids) ? -1 : d.count === undefined ? 0 : Number(d.count),
    DeviceIDs: d.device_ids ? [...d.device_ids] : [],
    Capabilities: [caps],
    Options: d.options ? { ...d.options } : {},
  };
}

interface BlkioConfig {
  readonly weight?: number | string;
  readonly weight_device?: readonly { readonly path: string; readonly weight: number | string }[];
  readonly device_read_bps?: readonly { readonly path: string; readonly rate: number | string }[];
  readonly device_read_iops?: readonly { readonly path: string; readonly rate: number | string }[];
  readonly device_write_bps?: readonly { readonly path: string; readonly rate: number | string }[];
  readonly device_write_iops?: readonly { readonly path: string; readonly rate: number | string }[];
}

/** blkio_config → the Blkio* resources (bps rates accept units: "1mb"). */
function blkio(v: unknown, host: Record<string, unknown>): void {
  const b = v as BlkioConfig | undefined;
  if (!b) return;
  if (b.weight !== undefined) host.BlkioWeight = Number(b.weight);
  if (b.weight_device) host.BlkioWeightDevice = b.weight_device.map((d) => ({ Path: d.path, Weight: Number(d.weight) }));
  const throttle = (l: BlkioConfig['device_read_bps'], rate: (r: number | string) => number | undefined) => l?.map((d) => ({ Path: d.path, Rate: rate(d.rate) }));
  if (b.device_read_bps) host.BlkioDeviceReadBps = throttle(b.device_read_bps, bytes);
  if (b.device_write_bps) host.BlkioDeviceWriteBps = throttle(b.device_write_bps, bytes);
  if (b.device_read_iops) host.BlkioDeviceReadIOps = throttle(b.device_read_iops, Number);
  if (b.device_write_iops) host.BlkioDeviceWriteIOps = throttle(b.device_write_iops, Number);
}

/** A CDI device name ("nvidia.com/gpu=all"), not a host path: the engine's cdi driver resolves it. */
const isCdiName = (d: unknown): d is string => typeof d === 'string' && /^[^/:=\s]+\/[^/:=\s]+=[^\s]+$/.test(d);
const deviceSource = (d: unknown): unknown => (typeof d === 'object' && d ? (d as { source?: unknown }).source : d);

/** The CDI names among a service's `devices` (short or long syntax). */
export function cdiDevices(service: Service): string[] {
  return Array.isArray(service.devices) ? service.devices.map(deviceSource).filter(isCdiName) : [];
}

function devices(v: unknown): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((d) => !isCdiName(deviceSource(d))).map((d) => {
    if (typeof d === 'object' && d) {
      const o = d as { source: string; target?: string; permissions?: string };
      return { PathOnHost: o.source, PathInContainer: o.target ?? o.source, CgroupPermissions: o.permissions ?? 'rwm' };
    }
    const [host, ctr, perm] = String(d).split(':');
    return { PathOnHost: host!, PathInContainer: ctr ?? host!, CgroupPermissions: perm ?? 'rwm' };
  });
}

function logConfig(service: Service): { Type: string; Config: Record<string, string> } | undefined {
  const l = service.logging;
  if (!l) return undefined;
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(l.options ?? {})) if (v !== null && v !== undefined) config[k] = String(v);
  return { Type: l.driver ?? '', Config: config };
}

function healthcheck(service: Service): ContainerCreateBody['Healthcheck'] {
  const h = service.healthcheck;
  if (!h) return undefined;
  if (h.disable) return { Test: ['NONE'] };
  const out: NonNullable<ContainerCreateBody['Healthcheck']> = {};
  if (h.test) out.Test = [...h.test];
  if (h.interval) out.Interval = ns(h.interval);
  if (h.timeout) out.Timeout = ns(h.timeout);
  if (h.retries !== undefined) out.Retries = h.retries;
  if (h.start_period) out.StartPeriod = ns(h.start_period);
  if (h.start_interval) out.StartInterval = ns(h.start_interval);
  return out;
}

/** Where a secret or config appears inside the container. */
function fileObjectTarget(kind: 'secrets' | 'configs', source: string, target: string | undefined): string {
  if (target?.startsWith('/')) return target;
  const name = target ?? source;
  return kind === 'secrets' ? `/run/secrets/${name}` : `/${name}`;
}

/**
 * Secrets and configs: a `file` one is bind-mounted read-only through the Mount API, like
 * docker compose (a missing file is an error, not an empty directory); `content` and `environment`
 * ones become files the executor copies in before the first start (read-only mode 0444
 * unless the service asks for another mode, owner uid/gid as given).
 */
function fileObjects(id: ContainerIdentity): { mounts: Record<string, unknown>[]; files: ContainerFile[] } {
  const mounts: Record<string, unknown>[] = [];
  const files: ContainerFile[] = [];
  const add = (refs: Service['secrets'], kind: 'secrets' | 'configs'): void => {
    for (const ref of refs ?? []) {
      const obj = (kind === 'secrets' ? id.project.secrets : id.project.configs)[ref.source];
      if (!obj) continue;
      const path = fileObjectTarget(kind, ref.source, ref.target);
      if (obj.file) mounts.push({ Type: 'bind', Source: obj.file, Target: path, ReadOnly: true });
      else if (obj.content !== undefined || obj.environment !== undefined) {
        const content = obj.content ?? id.project.environment[obj.environment!] ?? '';
        files.push({ path, content, mode: ref.mode ?? 0o444, uid: Number(ref.uid ?? 0), gid: Number(ref.gid ?? 0) });
      }
    }
  };
  add(id.service.secrets, 'secrets');
  add(id.service.configs, 'configs');
  return { mounts, files };
}

/** docker compose's depends_on label value: "db:service_started:false,…". */
function dependsOnLabel(service: Service): string {
  return Object.entries(service.depends_on ?? {})
    .map(([name, d]) => `${name}:${d.condition}:${d.restart ?? false}`)
    .join(',');
}

export function containerSpec(id: ContainerIdentity): ContainerSpec {
  const { project, service: s } = id;
  const labels: Record<string, string> = {
    ...(s.labels ?? {}),
    [Label.project]: project.name,
    [Label.service]: s.name,
    [Label.number]: String(id.number),
    [Label.oneoff]: id.oneoff ? 'True' : 'False',
    [Label.configHash]: id.configHash,
    [Label.workingDir]: project.workingDir,
    [Label.configFiles]: project.configFiles.join(','),
    [Label.dependsOn]: dependsOnLabel(s),
    [Label.version]: VERSION,
  };
  if (id.imageId) labels[Label.image] = id.imageId;
  if (id.slug) labels[Label.slug] = id.slug;

  const { exposed, bindings } = portBindings(s.ports ?? []);
  for (const e of s.expose ?? []) {
    const [port, proto = 'tcp'] = String(e).split('/');
    const [lo, hi] = port!.split('-').map(Number);
    for (let p = lo!; p <= (hi ?? lo!); p++) exposed[`${p}/${proto}`] = {};
  }
  const m = mounts(project, s.volumes ?? []);
  const objects = fileObjects(id);
  const networkMode = resolveMode(s.network_mode, id);
  const nets = networkMode ? [] : serviceNetworks(s);
  const links = [
    ...(s.links ?? []).flatMap((l) => {
      const [svc, alias] = l.split(':');
      return id.containersOf(svc!).map((c) => `${c}:${alias ?? svc}`);
    }),
    // external_links name containers outside the project: "name[:alias]".
    ...((s.external_links as readonly string[] | undefined) ?? []).map((l) => {
      const [name, alias] = l.split(':');
      return `${name}:${alias ?? name}`;
    }),
  ];
  const security = securityOptions(s.security_opt);

  const host: Record<string, unknown> = {
    Binds: m.binds,
    Mounts: [...m.mounts, ...objects.mounts.filter((o) => !m.mounts.some((x) => x.Target === o.Target) && !m.binds.some((b) => b.split(':')[1] === o.Target))],
    PortBindings: bindings,
    RestartPolicy: restartPolicy(s),
    NetworkMode: networkMode ?? (nets[0] ? project.networks[nets[0][0]]?.name ?? nets[0][0] : undefined),
    Privileged: s.privileged as boolean | undefined,
    ReadonlyRootfs: s.read_only as boolean | undefined,
    Init: s.init as boolean | undefined,
    CapAdd: list(s.cap_add),
    CapDrop: list(s.cap_drop),
    SecurityOpt: security.options,
    ...(security.unconfined ? { MaskedPaths: [], ReadonlyPaths: [] } : {}),
    Devices: devices(s.devices),
    DeviceCgroupRules: list(s.device_cgroup_rules),
    Ulimits: ulimits(s.ulimits),
    Sysctls: s.sysctls as Record<string, string> | undefined,
    ExtraHosts: extraHosts(s.extra_hosts),
    Dns: list(s.dns),
    DnsSearch: list(s.dns_search),
    DnsOptions: list(s.dns_opt),
    LogConfig: logConfig(s),
    ShmSize: bytes(s.shm_size),
    Memory: bytes(s.mem_limit),
    MemoryReservation: bytes(s.mem_reservation),
    MemorySwap: s.memswap_limit === -1 ? -1 : bytes(s.memswap_limit),
    MemorySwappiness: num(s.mem_swappiness),
    NanoCpus: s.cpus !== undefined && Number(s.cpus) > 0 ? Math.round(Number(s.cpus) * 1e9) : undefined,
    CpuShares: num(s.cpu_shares),
    CpuQuota: num(s.cpu_quota),
    CpuPeriod: num(s.cpu_period),
    CpuCount: num(s.cpu_count),
    CpuPercent: num(s.cpu_percent),
    CpuRealtimePeriod: micros(s.cpu_rt_period),
    CpuRealtimeRuntime: micros(s.cpu_rt_runtime),
    CpusetCpus: s.cpuset as string | undefined,
    // 0 means "unset" in docker compose; -1 is unlimited.
    PidsLimit: num(s.pids_limit) || undefined,
    OomScoreAdj: num(s.oom_score_adj),
    OomKillDisable: s.oom_kill_disable as boolean | undefined,
    IpcMode: resolveMode(s.ipc as string | undefined, id),
    PidMode: resolveMode(s.pid as string | undefined, id),
    UTSMode: s.uts as string | undefined,
    CgroupParent: s.cgroup_parent as string | undefined,
    CgroupnsMode: s.cgroup as string | undefined, // host | private: the cgroup namespace, not HostConfig.Cgroup
    UsernsMode: s.userns_mode as string | undefined,
    GroupAdd: list(s.group_add),
    Isolation: s.isolation as string | undefined,
    StorageOpt: s.storage_opt as Record<string, string> | undefined,
    Runtime: s.runtime as string | undefined,
    Annotations: s.annotations as Record<string, string> | undefined, // API 1.43+; the app layer refuses it on older engines
    Tmpfs: tmpfsMap(s.tmpfs),
    VolumesFrom: (s.volumes_from ?? []).flatMap((v) => {
      if (v.startsWith('container:')) return [v.slice('container:'.length)];
      const [svc, mode] = v.split(':');
      return id.containersOf(svc!).map((c) => (mode ? `${c}:${mode}` : c));
    }),
    Links: links.length && networkMode ? links : undefined,
  };
  blkio(s.blkio_config, host);
  resources(s, host);
  for (const k of Object.keys(host)) if (host[k] === undefined) delete host[k];

  const endpoints: Record<string, EndpointConfig> = {};
  const extraNetworks: { network: string; endpoint: EndpointConfig }[] = [];
  nets.forEach(([key, net], i) => {
    const engineName = project.networks[key]?.name ?? key;
    const ep = endpoint(id.name, s, net, i === 0 ? links : undefined);
    if (i === 0) endpoints[engineName] = ep;
    else extraNetworks.push({ network: engineName, endpoint: ep });
  });

  // Whole seconds, truncated like docker compose's ToSeconds.
  const stopGrace = s.stop_grace_period ? Math.floor(parseDuration(s.stop_grace_period) / 1000) : undefined;
  // API < 1.44 takes one MAC address per container (Config.MacAddress): the service's, else the primary network's.
  const mac = (s.mac_address as string | undefined) ?? nets[0]?.[1]?.mac_address;
  const body: ContainerCreateBody = {
    Image: imageRef(project, s),
    Cmd: s.command === null || s.command === undefined ? undefined : [...s.command],
    Entrypoint: s.entrypoint === null || s.entrypoint === undefined ? undefined : [...s.entrypoint],
    Env: toEnv(id.proxyEnv && Object.keys(id.proxyEnv).length ? { ...id.proxyEnv, ...(s.environment ?? {}) } : s.environment),
    Labels: labels,
    WorkingDir: s.working_dir,
    User: s.user,
    Hostname: s.hostname,
    Domainname: s.domainname,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    Tty: s.tty ?? false,
    OpenStdin: s.stdin_open ?? false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    StopSignal: s.stop_signal,
    StopTimeout: stopGrace,
    Healthcheck: healthcheck(s),
    Volumes: Object.keys(m.anonymous).length ? m.anonymous : undefined,
    MacAddress: mac,
    NetworkDisabled: networkMode === 'disabled' ? true : undefined,
    HostConfig: host,
    NetworkingConfig: Object.keys(endpoints).length ? { EndpointsConfig: endpoints } : undefined,
  };
  if (s.entrypoint && s.entrypoint.length === 0) body.Entrypoint = [''];
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return { body, extraNetworks, files: objects.files };
}

/**
 * security_opt as docker's CLI passes it: `systempaths=unconfined` is not an engine option but
 * clears the masked and read-only paths.
 */
function securityOptions(v: unknown): { options: string[] | undefined; unconfined: boolean } {
  const all = list(v);
  if (!all) return { options: undefined, unconfined: false };
  const options = all.filter((o) => o !== 'systempaths=unconfined');
  return { options: options.length ? options : undefined, unconfined: options.length !== all.length };
}

function tmpfsMap(v: unknown): Record<string, string> | undefined {
  const l = list(v);
  if (!l) return undefined;
  return Object.fromEntries(
    l.map((entry) => {
      const i = entry.indexOf(':');
      return i < 0 ? [entry, ''] : [entry.slice(0, i), entry.slice(i + 1)];
    }),
  );
}
