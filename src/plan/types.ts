// A Plan is data: engine operations (nodes) and what must finish first (edges).
import type {
  BuildOptions,
  ContainerCreateBody,
  EndpointConfig,
  NetworkCreateBody,
  VolumeCreateBody,
} from '../engine/types.js';
import type { DependsOnCondition } from '../model/types.js';

/**
 * depends_on's conditions, plus `ready` for `up --wait`: healthy when the container has a
 * healthcheck, else running; a one-shot that exited 0 also counts as ready.
 */
export type WaitCondition = DependsOnCondition | 'ready';

/** A container as the planner refers to it: by name (the engine accepts names everywhere). */
export interface ContainerRef {
  readonly name: string;
  readonly service: string;
  readonly id?: string; // set when the container exists already
}

/** A file the executor copies into a container (absolute path inside it). */
export interface ContainerFile {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

/** An anonymous volume of a replaced container, mounted at the same target in its successor. */
export interface CarriedVolume {
  readonly name: string;
  readonly target: string;
}

/** A lifecycle hook as the executor runs it: an exec in the container (post_start / pre_stop). */
export interface ExecHook {
  readonly command: readonly string[];
  readonly user?: string;
  readonly privileged?: boolean;
  readonly workingDir?: string;
  readonly env?: readonly string[];
  /** The service's `tty`: the hook's exec gets a terminal too (docker compose attaches with it). */
  readonly tty?: boolean;
}

/** post_start hooks run right after a start; pre_stop hooks right before a stop. */
export interface ContainerHooks {
  readonly postStart?: readonly ExecHook[];
  readonly preStop?: readonly ExecHook[];
}

export type Operation =
  | { readonly kind: 'network.create'; readonly body: NetworkCreateBody }
  | { readonly kind: 'network.remove'; readonly name: string }
  | {
      readonly kind: 'network.recreate';
      readonly name: string;
      readonly body: NetworkCreateBody;
      /** The project's containers (names) disconnected before the remove; the planner refuses others'. */
      readonly attached: readonly string[];
    }
  | {
      /** Reattach a container a network recreate disconnected (one the run does not recreate). */
      readonly kind: 'network.connect';
      readonly network: string;
      readonly container: ContainerRef;
      readonly endpoint: EndpointConfig;
    }
  | { readonly kind: 'volume.create'; readonly body: VolumeCreateBody }
  | { readonly kind: 'volume.remove'; readonly name: string }
  | { readonly kind: 'image.pull'; readonly ref: string; readonly platform?: string }
  | {
      readonly kind: 'image.build';
      readonly service: string;
      /** Absolute context directory. */
      readonly context: string;
      /** Engine options; `dockerfile` is set by the executor to the Dockerfile's name in the tar. */
      readonly options: BuildOptions;
      /** Absolute path of the Dockerfile, inside or outside the context (default <context>/Dockerfile). */
      readonly dockerfilePath?: string;
      readonly dockerfileInline?: string;
      /** image + build without an explicit pull_policy: try pulling this first, build if that fails. */
      readonly pullFirst?: string;
    }
  | { readonly kind: 'image.push'; readonly ref: string }
  | { readonly kind: 'image.remove'; readonly ref: string }
  | {
      readonly kind: 'container.create';
      readonly container: ContainerRef;
      readonly body: ContainerCreateBody;
      /** Networks beyond the first, connected after create (API 1.41 takes one at create). */
      readonly extraNetworks: readonly { readonly network: string; readonly endpoint: EndpointConfig }[];
      /** Files written into the container before its first start (secrets/configs from content or environment). */
      readonly files?: readonly ContainerFile[];
    }
  | {
      readonly kind: 'container.recreate';
      readonly container: ContainerRef & { readonly id: string };
      readonly body: ContainerCreateBody;
      readonly extraNetworks: readonly { readonly network: string; readonly endpoint: EndpointConfig }[];
      readonly timeout?: number;
      /** The old container's anonymous volumes mounted into the new one (empty with -V). */
      readonly carry: readonly CarriedVolume[];
      readonly files?: readonly ContainerFile[];
      /** The old container's pre_stop hooks, run before it is stopped. */
      readonly preStop?: readonly ExecHook[];
    }
  | { readonly kind: 'container.start'; readonly container: ContainerRef; readonly postStart?: readonly ExecHook[] }
  | { readonly kind: 'container.stop'; readonly container: ContainerRef; readonly timeout?: number; readonly preStop?: readonly ExecHook[] }
  | ({ readonly kind: 'container.restart'; readonly container: ContainerRef; readonly timeout?: number } & ContainerHooks)
  | { readonly kind: 'container.kill'; readonly container: ContainerRef; readonly signal?: string }
  | { readonly kind: 'container.remove'; readonly container: ContainerRef; readonly force: boolean; readonly volumes: boolean }
  | { readonly kind: 'container.pause'; readonly container: ContainerRef }
  | { readonly kind: 'container.unpause'; readonly container: ContainerRef }
  | {
      readonly kind: 'service.wait';
      readonly service: string;
      readonly condition: WaitCondition;
      readonly containers: readonly string[];
      /** Milliseconds; undefined = no limit. */
      readonly timeoutMs?: number;
    };

export type OperationKind = Operation['kind'];

export interface PlanNode {
  readonly id: string;
  readonly op: Operation;
  /** What is acted on, as users see it: "container demo-web-1", "network demo_default". */
  readonly resource: string;
  /** Why: "created", "config changed: environment", "orphan", … */
  readonly reason: string;
}

export interface Plan {
  readonly nodes: readonly PlanNode[];
  /** [before, after]: `after` starts once `before` has finished. */
  readonly edges: readonly (readonly [string, string])[];
  /** Things the user should know that are not operations (orphans left alone, …). */
  readonly warnings: readonly string[];
}
