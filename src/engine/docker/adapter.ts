// The Engine interface over dockerode. The only module family that imports dockerode.
import Docker from 'dockerode';
import { Readable, type Duplex } from 'node:stream';
import type {
  BuildOptions,
  BuildProgress,
  CommitOptions,
  ContainerCreateBody,
  ContainerDetails,
  ContainerSummary,
  EndpointConfig,
  Engine,
  EngineEvent,
  EngineVersion,
  EventFilter,
  ExecOptions,
  ExecSession,
  ImageSummary,
  LabelFilter,
  LogOptions,
  LogStream,
  NetworkCreateBody,
  NetworkSummary,
  PathStat,
  PullProgress,
  RegistryAuth,
  VolumeCreateBody,
  VolumeSummary,
} from '../types.js';
import { daemonHost, resolveEndpoint, type Endpoint } from './endpoint.js';
import { statusOf, translate, engineMessage } from './errors.js';
import { toContainerDetails, toContainerSummary, toImageSummary, toNetworkSummary, toVolumeSummary } from './convert.js';
import { EngineError, ResourceInUseError } from '../../errors.js';

const NETWORK_REMOVE_ATTEMPTS = 30;

/* eslint-disable @typescript-eslint/no-explicit-any -- dockerode's typings lag the API */
type Json = any;

const labelFilters = (labels?: LabelFilter): string | undefined =>
  labels && labels.length ? JSON.stringify({ label: labels }) : undefined;

/** dockerode returns a Buffer for non-follow logs and a stream otherwise; always give a stream. */
const asReadable = (x: Json): Readable => (Buffer.isBuffer(x) ? Readable.from([x]) : (x as Readable));

/** How long an exec may still report Running once its output has ended. */
const EXEC_EXIT_WAIT_MS = 5000;

export class DockerEngine implements Engine {
  // dockerode's typings pick callback overloads (void) for several calls; the boundary is JSON anyway.
  private readonly docker: Json;
  private readonly where: string;
  readonly host: string;

  constructor(endpoint: Endpoint = resolveEndpoint()) {
    this.where = endpoint.description;
    this.host = daemonHost(endpoint);
    this.docker = endpoint.socketPath
      ? new Docker({ socketPath: endpoint.socketPath })
      : new Docker({
          host: endpoint.host,
          port: endpoint.port,
          protocol: endpoint.protocol as 'http',
          ...(endpoint.username ? { username: endpoint.username } : {}),
          ...(endpoint.tls ?? {}),
        });
  }

  /** Runs one engine call; failures name the operation and the resource. */
  private async call<T>(operation: string, resource: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translate(err, operation, resource, this.where);
    }
  }

  /** Like call(), but a 404 means "absent" and yields undefined. */
  private async maybe<T>(operation: string, resource: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw translate(err, operation, resource, this.where);
    }
  }

  /** Follows a JSON-lines progress stream to its end; an `error` message fails the call. */
  private follow<P extends { error?: string }>(stream: Readable, onProgress: (p: P) => void): Promise<P[]> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null, output: P[]) => {
          if (err) return reject(err);
          const failed = output.find((o) => o.error);
          if (failed) return reject(new Error(failed.error));
          resolve(output);
        },
        (event: P) => onProgress(event),
      );
    });
  }

  async version(): Promise<EngineVersion> {
    const v: Json = await this.call('reading version of', 'the engine', () => this.docker.version());
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
  }

  async listContainers(filter: { all?: boolean; labels?: LabelFilter }): Promise<ContainerSummary[]> {
    const list: Json = await this.call('listing', 'containers', () =>
      this.docker.listContainers({ all: filter.all ?? false, filters: labelFilters(filter.labels) } as Json),
    );
    return list.map(toContainerSummary);
  }

  async inspectContainer(idOrName: string): Promise<ContainerDetails | undefined> {
    const c: Json = await this.maybe('inspecting container', idOrName, () => this.docker.getContainer(idOrName).inspect());
    return c && toContainerDetails(c);
  }

  async createContainer(name: string, body: ContainerCreateBody): Promise<string> {
    const c: Json = await this.call('creating container', name, () => this.docker.createContainer({ ...body, name } as Json));
    return c.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.call('starting container', id, async () => {
      try {
        await this.docker.getContainer(id).start();
      } catch (err) {
        if (statusOf(err) !== 304) throw err; // already started
      }
    });
  }

  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.call('stopping container', id, async () => {
      try {
        await this.docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
      } catch (err) {
        if (statusOf(err) !== 304) throw err; // already stopped
      }
    });
  }

  async restartContainer(id: string, timeoutSeconds?: number): Promise<void> {
    await this.call('restarting container', id, () =>
      this.docker.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }),
    );
  }

  async killContainer(id: string, signal?: string): Promise<void> {
    await this.call('killing container', id, () => this.docker.getContainer(id).kill(signal ? { signal } : {}));
  }

  async removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    await this.call('removing container', id, async () => {
      try {
        await this.docker.getContainer(id).remove({ force: options.force ?? false, v: options.volumes ?? false });
      } catch (err) {
        if (statusOf(err) !== 404) throw err; // already gone: the goal is reached
      }
    });
  }

  async renameContainer(id: string, name: string): Promise<void> {
    await this.call('renaming container', id, () => this.docker.getContainer(id).rename({ name }));
  }

  async pauseContainer(id: string): Promise<void> {
    await this.call('pausing container', id, () => this.docker.getContainer(id).pause());
  }

  async unpauseContainer(id: string): Promise<void> {
    await this.call('unpausing container', id, () => this.docker.getContainer(id).unpause());
  }

  async waitContainer(id: string, condition: 'not-running' | 'next-exit' | 'removed' = 'not-running'): Promise<number> {
    const r: Json = await this.call('waiting for container', id, () => this.docker.getContainer(id).wait({ condition }));
    return r.StatusCode ?? 0;
  }

  async containerLogs(id: string, o: LogOptions): Promise<LogStream> {
    const info = await this.inspectContainer(id);
    if (!info) throw new EngineError('reading logs of', id, 'no such container', 404);
    const opts: Json = {
      follow: o.follow ?? false,
      stdout: o.stdout ?? true,
      stderr: o.stderr ?? true,
      timestamps: o.timestamps ?? false,
      tail: o.tail === undefined ? 'all' : String(o.tail),
    };
    if (o.since !== undefined) opts.since = o.since;
    if (o.until !== undefined) opts.until = o.until;
    // dockerode buffers the whole log unless following; dial as a stream so memory stays bounded.
    const raw = await this.call('reading logs of', info.name, () =>
      new Promise((resolve, reject) =>
        this.docker.modem.dial(
          { path: `/containers/${info.id}/logs?`, method: 'GET', isStream: true, statusCodes: { 200: true, 404: 'no such container', 500: 'server error' }, options: opts },
          (err: Error | null, data: unknown) => (err ? reject(err) : resolve(data)),
        ),
      ),
    );
    return { stream: asReadable(raw), multiplexed: !info.config.tty };
  }

  async attachContainer(id: string, options: { stdin?: boolean; logs?: boolean; detachKeys?: string }): Promise<LogStream & { duplex: Duplex }> {
    const info = await this.inspectContainer(id);
    if (!info) throw new EngineError('attaching to', id, 'no such container', 404);
    const duplex: Duplex = await this.call('attaching to', info.name, () =>
      this.docker.getContainer(id).attach({
        stream: true,
        stdin: options.stdin ?? false,
        stdout: true,
        stderr: true,
        logs: options.logs ?? false,
        hijack: options.stdin ?? false,
        ...(options.detachKeys ? { detachKeys: options.detachKeys } : {}),
      } as Json),
    );
    return { stream: duplex as unknown as Readable, duplex, multiplexed: !info.config.tty };
  }

  async resizeContainer(id: string, rows: number, cols: number): Promise<void> {
    await this.call('resizing', id, () => this.docker.getContainer(id).resize({ h: rows, w: cols }));
  }

  async topContainer(id: string, psArgs?: string): Promise<{ titles: string[]; processes: string[][] }> {
    const r: Json = await this.call('listing processes of', id, () =>
      this.docker.getContainer(id).top(psArgs ? { ps_args: psArgs } : {}),
    );
    return { titles: r.Titles ?? [], processes: r.Processes ?? [] };
  }

  async statsContainer(id: string, stream: boolean): Promise<Readable> {
    const r: Json = await this.call('reading stats of', id, () => this.docker.getContainer(id).stats({ stream } as Json));
    return stream ? (r as Readable) : Readable.from([Buffer.from(JSON.stringify(r) + '\n')]);
  }

  async getArchive(id: string, path: string): Promise<Readable> {
    return this.call('copying from', `${id}:${path}`, () => this.docker.getContainer(id).getArchive({ path }) as Promise<Json>);
  }

  async statPath(id: string, path: string): Promise<PathStat | undefined> {
    const res: Json = await this.maybe('looking at', `${id}:${path}`, () => this.docker.getContainer(id).infoArchive({ path }));
    if (!res) return undefined;
    res.resume?.();
    const raw = res.headers?.['x-docker-container-path-stat'];
    if (!raw) return undefined;
    const s: Json = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
    // Go's os.FileMode: the directory bit is 1<<31.
    return { name: s.name, size: s.size, isDir: (s.mode & 0x80000000) !== 0, linkTarget: s.linkTarget ?? '' };
  }

  async putArchive(id: string, path: string, tar: Readable, options: { copyUIDGID?: boolean } = {}): Promise<void> {
    await this.call('copying to', `${id}:${path}`, () =>
      this.docker.getContainer(id).putArchive(tar as Json, { path, copyUIDGID: options.copyUIDGID ? '1' : undefined } as Json),
    );
  }

  async commitContainer(id: string, o: CommitOptions): Promise<string> {
    // Everything goes in the query (`changes` repeated, as the docker CLI sends it); the body
    // would be a container config overriding the image's.
    const query: Record<string, unknown> = { container: id, pause: o.pause ?? true };
    for (const [k, v] of Object.entries({ repo: o.repo, tag: o.tag, author: o.author, comment: o.comment })) if (v) query[k] = v;
    if (o.changes?.length) query.changes = [...o.changes];
    const res: Json = await this.call('committing container', id, () => this.docker.getContainer(id).commit({ _query: query, _body: {} } as Json));
    return String(res?.Id ?? '');
  }

  async exportContainer(id: string): Promise<Readable> {
    return this.call('exporting container', id, () => this.docker.getContainer(id).export() as Promise<Json>);
  }

  async exec(id: string, o: ExecOptions): Promise<ExecSession> {
    const tty = o.tty ?? false;
    const exec: Json = await this.call('exec in', id, () =>
      this.docker.getContainer(id).exec({
        Cmd: [...o.cmd],
        Env: o.env ? [...o.env] : undefined,
        User: o.user,
        WorkingDir: o.workingDir,
        Privileged: o.privileged ?? false,
        Tty: tty,
        AttachStdin: o.attachStdin ?? false,
        AttachStdout: !o.detach,
        AttachStderr: !o.detach,
      }),
    );
    const stream: Duplex | undefined = await this.call('exec in', id, async () => {
      const s = await exec.start({ hijack: true, stdin: o.attachStdin ?? false, Detach: o.detach ?? false, Tty: tty } as Json);
      return o.detach ? undefined : (s as Duplex);
    });
    return {
      id: exec.id,
      stream,
      tty,
      resize: async (rows, cols) => {
        await this.call('resizing exec in', id, () => exec.resize({ h: rows, w: cols }));
      },
      exitCode: async () => {
        // The exec ends when its output stream ends; poll inspect briefly for the code to settle.
        if (stream && !stream.readableEnded && !stream.destroyed) {
          await new Promise<void>((resolve) => {
            stream.once('end', resolve);
            stream.once('close', resolve);
            stream.once('error', () => resolve());
          });
        }
        // Bounded: an engine that never marks the exec finished must not hang the command.
        const deadline = stream ? Date.now() + EXEC_EXIT_WAIT_MS : Infinity;
        for (;;) {
          const r: Json = await this.call('exec in', id, () => exec.inspect());
          if (!r.Running) return r.ExitCode ?? 0;
          if (Date.now() >= deadline) throw new EngineError('exec in', id, `the command's output ended but the engine still reports it running after ${EXEC_EXIT_WAIT_MS / 1000} s: exit code unknown`);
          await new Promise((res) => setTimeout(res, 20));
        }
      },
    };
  }

  async listNetworks(labels?: LabelFilter): Promise<NetworkSummary[]> {
    const list: Json = await this.call('listing', 'networks', () =>
      this.docker.listNetworks({ filters: labelFilters(labels) } as Json),
    );
    return list.map(toNetworkSummary);
  }

  async inspectNetwork(idOrName: string): Promise<NetworkSummary | undefined> {
    const n: Json = await this.maybe('inspecting network', idOrName, () => this.docker.getNetwork(idOrName).inspect());
    return n && toNetworkSummary(n);
  }

  async createNetwork(body: NetworkCreateBody): Promise<string> {
    const n: Json = await this.call('creating network', body.Name, () =>
      this.docker.createNetwork({ CheckDuplicate: true, ...body } as Json),
    );
    return n.id;
  }

  /**
   * The engine frees a removed container's endpoint a moment after answering the remove, and
   * under load says "has active endpoints" meanwhile: asked again for up to ~3 s. Past that the
   * endpoint is leaked (seen on 20.10 under load; only a dockerd restart frees it), said so.
   */
  async removeNetwork(idOrName: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.docker.getNetwork(idOrName).remove();
        return;
      } catch (err) {
        if (statusOf(err) === 404) return;
        if (!/active endpoints/.test(engineMessage(err))) throw translate(err, 'removing network', idOrName, this.where);
        const attached = (await this.inspectNetwork(idOrName))?.containers.length ?? 0;
        if (attached) throw new ResourceInUseError('removing network', idOrName, `still in use by ${attached} container${attached === 1 ? '' : 's'}`, statusOf(err), { cause: err });
        if (attempt >= NETWORK_REMOVE_ATTEMPTS) {
          throw new EngineError(
            'removing network',
            idOrName,
            `${engineMessage(err)} (still after ${NETWORK_REMOVE_ATTEMPTS} tries; when no container is attached, the engine leaked the endpoint and only restarting dockerd frees it)`,
            statusOf(err),
            { cause: err },
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async connectNetwork(network: string, containerId: string, endpoint: EndpointConfig): Promise<void> {
    await this.call('connecting to network', network, () =>
      this.docker.getNetwork(network).connect({ Container: containerId, EndpointConfig: endpoint } as Json),
    );
  }

  async disconnectNetwork(network: string, containerId: string, force = false): Promise<void> {
    await this.call('disconnecting from network', network, () =>
      this.docker.getNetwork(network).disconnect({ Container: containerId, Force: force }),
    );
  }

  async listVolumes(labels?: LabelFilter): Promise<VolumeSummary[]> {
    const r: Json = await this.call('listing', 'volumes', () =>
      this.docker.listVolumes({ filters: labelFilters(labels) } as Json),
    );
    return (r.Volumes ?? []).map(toVolumeSummary);
  }

  async inspectVolume(name: string): Promise<VolumeSummary | undefined> {
    const v: Json = await this.maybe('inspecting volume', name, () => this.docker.getVolume(name).inspect());
    return v && toVolumeSummary(v);
  }

  async createVolume(body: VolumeCreateBody): Promise<VolumeSummary> {
    const v: Json = await this.call('creating volume', body.Name, () => this.docker.createVolume(body as Json));
    return toVolumeSummary(v);
  }

  async removeVolume(name: string, force = false): Promise<void> {
    try {
      await this.docker.getVolume(name).remove({ force });
    } catch (err) {
      if (statusOf(err) === 404) return;
      // 409: a container (of another project, or started by hand) still mounts it.
      if (statusOf(err) === 409) throw new ResourceInUseError('removing volume', name, engineMessage(err), 409, { cause: err });
      throw translate(err, 'removing volume', name, this.where);
    }
  }

  async inspectImage(ref: string): Promise<ImageSummary | undefined> {
    const i: Json = await this.maybe('inspecting image', ref, () => this.docker.getImage(ref).inspect());
    return i && toImageSummary(i);
  }

  async listImages(filter: { labels?: LabelFilter; reference?: string } = {}): Promise<ImageSummary[]> {
    const filters: Record<string, string[]> = {};
    if (filter.labels?.length) filters.label = [...filter.labels];
    if (filter.reference) filters.reference = [filter.reference];
    const list: Json = await this.call('listing', 'images', () =>
      this.docker.listImages({ filters: JSON.stringify(filters) } as Json),
    );
    return list.map(toImageSummary);
  }

  async removeImage(ref: string, force = false): Promise<void> {
    await this.call('removing image', ref, async () => {
      try {
        await this.docker.getImage(ref).remove({ force });
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    });
  }

  async tagImage(ref: string, repo: string, tag: string): Promise<void> {
    await this.call('tagging image', ref, () => this.docker.getImage(ref).tag({ repo, tag }));
  }

  async pullImage(ref: string, auth: RegistryAuth | undefined, onProgress: (p: PullProgress) => void): Promise<void> {
    await this.call('pulling image', ref, async () => {
      const stream: Readable = await this.docker.pull(ref, auth ? { authconfig: auth } : {});
      await this.follow<PullProgress>(stream, onProgress);
    });
  }

  async pushImage(ref: string, auth: RegistryAuth | undefined, onProgress: (p: PullProgress) => void): Promise<void> {
    await this.call('pushing image', ref, async () => {
      const stream = (await this.docker.getImage(ref).push({ authconfig: auth ?? {} } as Json)) as unknown as Readable;
      await this.follow<PullProgress>(stream, onProgress);
    });
  }

  async buildImage(context: Readable, o: BuildOptions, onProgress: (p: BuildProgress) => void): Promise<string> {
    const tag = o.tags[0] ?? '<untagged>';
    return this.call('building image', tag, async () => {
      const opts: Json = {
        t: [...o.tags],
        dockerfile: o.dockerfile,
        buildargs: o.buildargs,
        target: o.target,
        labels: o.labels,
        networkmode: o.networkmode,
        extrahosts: o.extrahosts,
        shmsize: o.shmsize,
        cachefrom: o.cachefrom ? JSON.stringify(o.cachefrom) : undefined,
        nocache: o.nocache,
        pull: o.pull ? '1' : undefined,
        isolation: o.isolation,
        platform: o.platform,
        ulimits: o.ulimits ? JSON.stringify(o.ulimits) : undefined,
        registryconfig: o.registryconfig,
        rm: true,
        forcerm: true,
      };
      for (const k of Object.keys(opts)) if (opts[k] === undefined) delete opts[k];
      const stream: Readable = await this.docker.buildImage(context as Json, opts);
      const output = await this.follow<BuildProgress>(stream, onProgress);
      const id = output.map((p) => p.aux?.ID).find((x) => x);
      if (id) return id;
      // Without a tag, the aux ID is the only way to know which image was built.
      if (!o.tags.length) throw new Error('the engine reported no image ID and the build has no tag to look it up by');
      const built = await this.docker.getImage(tag).inspect();
      return built.Id;
    });
  }

  async *events(filter: EventFilter, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const filters: Record<string, string[]> = {};
    if (filter.labels?.length) filters.label = [...filter.labels];
    if (filter.types?.length) filters.type = [...filter.types];
    if (filter.containers?.length) filters.container = [...filter.containers];
    const opts: Json = { filters: JSON.stringify(filters) };
    if (filter.since !== undefined) opts.since = filter.since;
    const stream = (await this.call('reading events from', 'the engine', () => this.docker.getEvents(opts))) as Readable;
    const abort = (): void => {
      stream.destroy();
    };
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    let rest = '';
    try {
      for await (const chunk of stream) {
        rest += chunk.toString('utf8');
        let nl: number;
        while ((nl = rest.indexOf('\n')) >= 0) {
          const line = rest.slice(0, nl).trim();
          rest = rest.slice(nl + 1);
          if (!line) continue;
          const e: Json = JSON.parse(line);
          yield {
            type: e.Type ?? '',
            action: e.Action ?? e.status ?? '',
            id: e.Actor?.ID ?? e.id ?? '',
            attributes: e.Actor?.Attributes ?? {},
            time: e.time ?? 0,
            timeNano: e.timeNano ?? 0,
          };
        }
      }
    } catch (err) {
      if (!signal.aborted) throw new EngineError('reading events from', 'the engine', engineMessage(err));
    } finally {
      signal.removeEventListener('abort', abort);
      stream.destroy();
    }
  }
}
