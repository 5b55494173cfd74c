// The engine as tcompose sees it: an interface with engine-owned plain types. Only
// engine/docker/ implements it (and is the only code that imports dockerode).
import type { Readable, Duplex } from 'node:stream';

export type Labels = Readonly<Record<string, string>>;

/** Label filter: `key` (present) or `key=value`. */
export type LabelFilter = readonly string[];

export interface PortBinding {
  readonly privatePort: number;
  readonly publicPort?: number;
  readonly ip?: string;
  readonly type: string; // tcp | udp | sctp
}

export interface ContainerSummary {
  readonly id: string;
  readonly name: string; // without the leading slash
  readonly image: string; // as the container was created (reference)
  readonly imageId: string;
  readonly command: string;
  readonly created: number; // unix seconds
  readonly state: string; // created | running | paused | restarting | removing | exited | dead
  readonly status: string; // human text from the engine ("Up 3 seconds (healthy)")
  readonly labels: Labels;
  readonly ports: readonly PortBinding[];
  readonly networks: readonly string[];
  readonly mounts: readonly { readonly type: string; readonly name?: string; readonly source?: string; readonly destination: string }[];
}

export interface HealthLogEntry {
  readonly exitCode: number;
  readonly output: string;
  readonly start?: string;
}

export interface ContainerState {
  readonly status: string;
  readonly running: boolean;
  readonly paused: boolean;
  readonly restarting: boolean;
  readonly exitCode: number;
  readonly error: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly oomKilled: boolean;
  readonly health?: { readonly status: string; readonly failingStreak: number; readonly log: readonly HealthLogEntry[] };
}

export interface ContainerDetails {
  readonly id: string;
  readonly name: string; // without the leading slash
  readonly imageId: string;
  readonly created: string;
  readonly restartCount: number;
  readonly config: {
    readonly image: string;
    readonly labels: Labels;
    readonly env: readonly string[];
    readonly tty: boolean;
    readonly openStdin: boolean;
    readonly cmd?: readonly string[];
    readonly entrypoint?: readonly string[];
    readonly workingDir?: string;
    readonly user?: string;
  };
  readonly state: ContainerState;
  readonly mounts: readonly {
    readonly type: string;
    readonly name?: string;
    readonly source?: string;
    readonly destination: string;
    readonly rw: boolean;
  }[];
  readonly networks: Readonly<Record<string, { readonly aliases: readonly string[]; readonly ipAddress: string; readonly networkId: string }>>;
  readonly ports: readonly PortBinding[];
  readonly hostConfig: Readonly<Record<string, unknown>>;
}

/** Body of POST /containers/create, in the Engine API's own spelling. */
export interface ContainerCreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Domainname?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  StopSignal?: string;
  StopTimeout?: number;
  Healthcheck?: {
    Test?: string[];
    Interval?: number;
    Timeout?: number;
    Retries?: number;
    StartPeriod?: number;
    StartInterval?: number;
  };
  Volumes?: Record<string, Record<string, never>>;
  MacAddress?: string;
  HostConfig?: Record<string, unknown>;
  NetworkingConfig?: { EndpointsConfig: Record<string, EndpointConfig> };
  [key: string]: unknown;
}

export interface EndpointConfig {
  Aliases?: string[];
  Links?: string[];
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] };
  MacAddress?: string;
  DriverOpts?: Record<string, string>;
  GwPriority?: number;
}

export interface NetworkSummary {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly labels: Labels;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly enableIPv6: boolean;
  readonly options: Readonly<Record<string, string>>;
  readonly ipam: { readonly driver?: string; readonly config: readonly Readonly<Record<string, unknown>>[]; readonly options?: Readonly<Record<string, string>> };
  readonly containers: readonly string[]; // ids of attached containers (inspect only; empty from list)
  /** Attached containers' names by id (inspect only), for messages. */
  readonly containerNames?: Readonly<Record<string, string>>;
}

export interface NetworkCreateBody {
  Name: string;
  Driver?: string;
  Options?: Record<string, string>;
  IPAM?: Record<string, unknown>;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  EnableIPv4?: boolean;
  Labels?: Record<string, string>;
  CheckDuplicate?: boolean;
}

export interface VolumeSummary {
  readonly name: string;
  readonly driver: string;
  readonly labels: Labels;
  readonly options: Readonly<Record<string, string>>;
  readonly mountpoint: string;
}

export interface VolumeCreateBody {
  Name: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

export interface ImageSummary {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
  readonly created: number; // unix seconds
  readonly size: number;
  readonly labels: Labels;
  /** When a tag last pointed at it (pull, build, tag): unix seconds; inspect only. */
  readonly lastTagTime?: number;
}

export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
}

export interface LogOptions {
  readonly follow?: boolean;
  readonly tail?: number | 'all';
  readonly since?: number; // unix seconds (fractional allowed)
  readonly until?: number;
  readonly timestamps?: boolean;
  readonly stdout?: boolean;
  readonly stderr?: boolean;
}

/** A raw log stream plus whether it is multiplexed (non-TTY containers) or raw (tty: true). */
export interface LogStream {
  readonly stream: Readable;
  readonly multiplexed: boolean;
}

export interface EngineEvent {
  readonly type: string; // container | network | volume | image
  readonly action: string; // create | start | die | destroy | health_status: healthy | …
  readonly id: string;
  readonly attributes: Labels; // includes container labels for container events
  readonly time: number; // unix seconds
  readonly timeNano: number;
}

export interface EventFilter {
  readonly labels?: LabelFilter;
  /** Container names or ids. */
  readonly containers?: readonly string[];
  readonly types?: readonly string[];
  readonly since?: number;
}

/** A path inside a container (HEAD /containers/{id}/archive). */
export interface PathStat {
  readonly name: string;
  readonly size: number;
  readonly isDir: boolean;
  /** Set for a symbolic link: the absolute path it points to. */
  readonly linkTarget: string;
}

export interface ExecOptions {
  readonly cmd: readonly string[];
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly privileged?: boolean;
  readonly tty?: boolean;
  readonly attachStdin?: boolean;
  readonly detach?: boolean;
}

export interface CommitOptions {
  readonly repo?: string;
  readonly tag?: string;
  readonly author?: string;
  readonly comment?: string;
  /** Dockerfile instructions applied to the image (CMD, ENV, LABEL, …). */
  readonly changes?: readonly string[];
  /** Pause the container while committing (the engine's default). */
  readonly pause?: boolean;
}

export interface ExecSession {
  readonly id: string;
  /** Hijacked connection; multiplexed unless tty. Absent when detached. */
  readonly stream?: Duplex;
  readonly tty: boolean;
  resize(rows: number, cols: number): Promise<void>;
  /** Resolves with the command's exit code once it has ended. */
  exitCode(): Promise<number>;
}

export interface BuildProgress {
  readonly stream?: string;
  readonly status?: string;
  readonly error?: string;
  readonly aux?: { readonly ID?: string };
}

export interface PullProgress {
  readonly id?: string; // layer id
  readonly status?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
}

export interface RegistryAuth {
  readonly username?: string;
  readonly password?: string;
  readonly serveraddress?: string;
  readonly identitytoken?: string;
}

export interface BuildOptions {
  readonly tags: readonly string[];
  readonly dockerfile?: string; // path inside the context
  readonly buildargs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly networkmode?: string;
  readonly extrahosts?: string | readonly string[]; // "host:ip" entries
  readonly shmsize?: number;
  readonly cachefrom?: readonly string[];
  readonly nocache?: boolean;
  readonly pull?: boolean;
  readonly isolation?: string;
  readonly platform?: string;
  /** For the build's RUN steps. */
  readonly ulimits?: readonly { readonly Name: string; readonly Soft: number; readonly Hard: number }[];
  readonly registryconfig?: Readonly<Record<string, RegistryAuth>>;
}

export interface Engine {
  /** The engine's address as the docker CLI names it ("unix:///var/run/docker.sock"). */
  readonly host?: string;
  version(): Promise<EngineVersion>;

  listContainers(filter: { readonly all?: boolean; readonly labels?: LabelFilter }): Promise<ContainerSummary[]>;
  /** undefined when there is no such container. */
  inspectContainer(idOrName: string): Promise<ContainerDetails | undefined>;
  createContainer(name: string, body: ContainerCreateBody): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, timeoutSeconds?: number): Promise<void>;
  restartContainer(id: string, timeoutSeconds?: number): Promise<void>;
  killContainer(id: string, signal?: string): Promise<void>;
  removeContainer(id: string, options?: { readonly force?: boolean; readonly volumes?: boolean }): Promise<void>;
  renameContainer(id: string, name: string): Promise<void>;
  pauseContainer(id: string): Promise<void>;
  unpauseContainer(id: string): Promise<void>;
  /** Waits for the container to stop (condition "not-running" by default); resolves with its exit code. */
  waitContainer(id: string, condition?: 'not-running' | 'next-exit' | 'removed'): Promise<number>;
  containerLogs(id: string, options: LogOptions): Promise<LogStream>;
  /** `detachKeys` (docker's "ctrl-p,ctrl-q" syntax) lets the user leave a stdin-attached session. */
  attachContainer(id: string, options: { readonly stdin?: boolean; readonly logs?: boolean; readonly detachKeys?: string }): Promise<LogStream & { readonly duplex: Duplex }>;
  resizeContainer(id: string, rows: number, cols: number): Promise<void>;
  topContainer(id: string, psArgs?: string): Promise<{ readonly titles: readonly string[]; readonly processes: readonly (readonly string[])[] }>;
  statsContainer(id: string, stream: boolean): Promise<Readable>;
  getArchive(id: string, path: string): Promise<Readable>;
  /** What is at a path inside a container; undefined when nothing is. */
  statPath(id: string, path: string): Promise<PathStat | undefined>;
  putArchive(id: string, path: string, tar: Readable, options?: { readonly copyUIDGID?: boolean }): Promise<void>;
  exec(id: string, options: ExecOptions): Promise<ExecSession>;
  /** Makes an image of a container's changes (POST /commit); resolves with the new image ID. */
  commitContainer(id: string, options: CommitOptions): Promise<string>;
  /** The container's whole filesystem as a tar stream (GET /containers/{id}/export). */
  exportContainer(id: string): Promise<Readable>;

  listNetworks(labels?: LabelFilter): Promise<NetworkSummary[]>;
  inspectNetwork(idOrName: string): Promise<NetworkSummary | undefined>;
  createNetwork(body: NetworkCreateBody): Promise<string>;
  removeNetwork(idOrName: string): Promise<void>;
  connectNetwork(network: string, containerId: string, endpoint: EndpointConfig): Promise<void>;
  disconnectNetwork(network: string, containerId: string, force?: boolean): Promise<void>;

  listVolumes(labels?: LabelFilter): Promise<VolumeSummary[]>;
  inspectVolume(name: string): Promise<VolumeSummary | undefined>;
  createVolume(body: VolumeCreateBody): Promise<VolumeSummary>;
  removeVolume(name: string, force?: boolean): Promise<void>;

  inspectImage(ref: string): Promise<ImageSummary | undefined>;
  listImages(filter?: { readonly labels?: LabelFilter; readonly reference?: string }): Promise<ImageSummary[]>;
  removeImage(ref: string, force?: boolean): Promise<void>;
  tagImage(ref: string, repo: string, tag: string): Promise<void>;
  pullImage(ref: string, auth: RegistryAuth | undefined, onProgress: (p: PullProgress) => void): Promise<void>;
  pushImage(ref: string, auth: RegistryAuth | undefined, onProgress: (p: PullProgress) => void): Promise<void>;
  /** Builds from a tar stream of the context; resolves with the image ID. */
  buildImage(context: Readable, options: BuildOptions, onProgress: (p: BuildProgress) => void): Promise<string>;

  /** Engine events until `signal` aborts. */
  events(filter: EventFilter, signal: AbortSignal): AsyncIterable<EngineEvent>;
}
