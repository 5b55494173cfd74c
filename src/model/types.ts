// The canonical, validated project model. Plain readonly data; this module imports nothing.
// Keys keep the Compose Specification's spelling (snake_case) so that `tcompose config`
// prints the model as it is and the output loads back to the same model.

/** A place in a source file, 1-based. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Duration = string; // canonical "1m30s" form as written by the loader; see parseDuration

export interface ServicePort {
  readonly target: number;
  readonly published?: string; // "8080" or a range "8000-8010"; absent = random host port
  readonly host_ip?: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly mode?: 'host' | 'ingress';
  readonly name?: string;
  readonly app_protocol?: string;
}

export interface ServiceVolume {
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  readonly source?: string; // absolute path for binds, volume key for named volumes
  readonly target: string;
  readonly read_only?: boolean;
  readonly consistency?: string;
  readonly bind?: {
    readonly propagation?: string;
    readonly create_host_path?: boolean;
    readonly selinux?: 'z' | 'Z';
    /** disabled: submounts are not mounted; writable/readonly: how a read-only bind treats submounts. */
    readonly recursive?: 'enabled' | 'disabled' | 'writable' | 'readonly';
  };
  readonly volume?: { readonly nocopy?: boolean; readonly subpath?: string };
  readonly tmpfs?: { readonly size?: number | string; readonly mode?: number };
  readonly image?: { readonly subpath?: string };
}

export type DependsOnCondition =
  | 'service_started'
  | 'service_healthy'
  | 'service_completed_successfully';

export interface ServiceDependency {
  readonly condition: DependsOnCondition;
  readonly restart?: boolean;
  readonly required: boolean;
}

export interface ServiceNetwork {
  readonly aliases?: readonly string[];
  readonly ipv4_address?: string;
  readonly ipv6_address?: string;
  readonly link_local_ips?: readonly string[];
  readonly mac_address?: string;
  readonly priority?: number;
  readonly gw_priority?: number;
  readonly driver_opts?: Readonly<Record<string, string>>;
  /** The interface's name in the container (API 1.49). */
  readonly interface_name?: string;
}

export interface Healthcheck {
  readonly test?: readonly string[]; // ["CMD", ...] | ["CMD-SHELL", "..."] | ["NONE"]
  readonly interval?: Duration;
  readonly timeout?: Duration;
  readonly retries?: number;
  readonly start_period?: Duration;
  readonly start_interval?: Duration;
  readonly disable?: boolean;
}

export interface BuildConfig {
  readonly context: string; // absolute path or URL
  readonly dockerfile?: string;
  readonly dockerfile_inline?: string;
  readonly args?: Readonly<Record<string, string | null>>;
  readonly target?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly network?: string;
  readonly extra_hosts?: Readonly<Record<string, string | readonly string[]>>;
  readonly shm_size?: number | string;
  readonly cache_from?: readonly string[];
  readonly cache_to?: readonly string[];
  readonly no_cache?: boolean;
  readonly pull?: boolean;
  readonly tags?: readonly string[];
  readonly isolation?: string;
  readonly platforms?: readonly string[];
  readonly ssh?: readonly string[];
  readonly secrets?: readonly ServiceFileReference[];
  readonly additional_contexts?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

export interface ServiceFileReference {
  readonly source: string;
  readonly target?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: number;
}

export interface LoggingConfig {
  readonly driver?: string;
  readonly options?: Readonly<Record<string, string | number | null>>;
}

/** A service in canonical long syntax. Keys not listed here are carried as read. */
export interface Service {
  readonly name: string;
  readonly image?: string;
  readonly build?: BuildConfig;
  readonly pull_policy?: string;
  readonly command?: readonly string[] | null;
  readonly entrypoint?: readonly string[] | null;
  readonly environment?: Readonly<Record<string, string | null>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly ports?: readonly ServicePort[];
  readonly expose?: readonly string[];
  readonly volumes?: readonly ServiceVolume[];
  readonly volumes_from?: readonly string[];
  readonly depends_on?: Readonly<Record<string, ServiceDependency>>;
  readonly links?: readonly string[];
  readonly networks?: Readonly<Record<string, ServiceNetwork | null>>;
  readonly network_mode?: string;
  readonly healthcheck?: Healthcheck;
  readonly restart?: string;
  readonly container_name?: string;
  readonly hostname?: string;
  readonly domainname?: string;
  readonly working_dir?: string;
  readonly user?: string;
  readonly tty?: boolean;
  readonly stdin_open?: boolean;
  readonly stop_signal?: string;
  readonly stop_grace_period?: Duration;
  readonly scale?: number;
  readonly profiles?: readonly string[];
  readonly secrets?: readonly ServiceFileReference[];
  readonly configs?: readonly ServiceFileReference[];
  readonly logging?: LoggingConfig;
  readonly deploy?: Readonly<Record<string, unknown>>;
  readonly post_start?: readonly ServiceHook[];
  readonly pre_stop?: readonly ServiceHook[];
  readonly [key: string]: unknown;
}

/** A lifecycle hook (post_start / pre_stop): a command run with exec in the service's container. */
export interface ServiceHook {
  readonly command: readonly string[];
  readonly user?: string;
  readonly privileged?: boolean;
  readonly working_dir?: string;
  readonly environment?: Readonly<Record<string, string | null>>;
}

export interface Network {
  readonly name: string; // engine name, e.g. "<project>_<key>" or the `name:` override
  readonly driver?: string;
  readonly driver_opts?: Readonly<Record<string, string>>;
  readonly ipam?: Readonly<Record<string, unknown>>;
  readonly internal?: boolean;
  readonly attachable?: boolean;
  readonly enable_ipv4?: boolean;
  readonly enable_ipv6?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  readonly external?: boolean;
  readonly [key: string]: unknown;
}

export interface Volume {
  readonly name: string; // engine name, e.g. "<project>_<key>" or the `name:` override
  readonly driver?: string;
  readonly driver_opts?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly external?: boolean;
  readonly [key: string]: unknown;
}

/** A top-level secret or config. Exactly one of file / environment / content is set, or external. */
export interface FileObject {
  readonly name: string;
  readonly file?: string; // absolute path
  readonly environment?: string;
  readonly content?: string;
  readonly external?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

export interface Project {
  readonly name: string;
  readonly workingDir: string; // absolute project directory
  readonly configFiles: readonly string[]; // absolute paths ("-" for stdin)
  readonly services: Readonly<Record<string, Service>>; // enabled services only
  readonly disabledServices: Readonly<Record<string, Service>>; // excluded by profiles
  readonly networks: Readonly<Record<string, Network>>;
  readonly volumes: Readonly<Record<string, Volume>>;
  readonly secrets: Readonly<Record<string, FileObject>>;
  readonly configs: Readonly<Record<string, FileObject>>;
  readonly extensions: Readonly<Record<string, unknown>>; // top-level x-* keys
  readonly environment: Readonly<Record<string, string>>; // resolved interpolation env
  readonly profiles: readonly string[]; // active profiles
  readonly models?: Readonly<Record<string, unknown>>; // top-level `models`, as read
}
