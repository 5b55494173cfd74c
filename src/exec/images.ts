// Image operations: pull and push with per-image progress aggregated over layers, build with
// the context streamed as tar and the failing step shown on error.
import type { BuildProgress, Engine, PullProgress, RegistryAuth } from '../engine/types.js';
import { TcomposeError } from '../errors.js';
import type { ProgressSink } from '../events/types.js';
import type { Operation, PlanNode } from '../plan/types.js';
import { allCredentials, configPath, credentialsFor, readDockerConfig, registryOf, DOCKER_HUB, type DockerConfig } from '../state/credentials.js';
import { proxyEnvironment } from '../state/proxies.js';

export interface ImageExecOptions {
  /** No progress lines (--quiet-pull / --quiet-build / -q). */
  readonly quiet?: boolean;
  /** Read once per command: ~/.docker/config.json. */
  readonly dockerConfig?: Promise<DockerConfig>;
}

const registryName = (ref: string): string => (registryOf(ref) === DOCKER_HUB ? 'docker.io' : registryOf(ref));

/** Pull failures in words a user can act on: unknown image, unreachable registry, refused credentials. */
export function explainPullError(ref: string, err: unknown, auth: RegistryAuth | undefined, verb = 'pulling'): Error {
  const detail = err instanceof Error ? err.message.replace(/^(pulling|pushing) image \S+: /, '') : String(err);
  const registry = registryName(ref);
  const creds = auth ? `the credentials for ${registry} in ${configPath()}` : `anonymous access (no credentials for ${registry} in ${configPath()})`;
  let message: string;
  if (/no basic auth credentials|unauthorized|authentication required|incorrect username or password|\b401\b/i.test(detail)) {
    message = `${verb} ${ref}: registry ${registry} refused ${creds}: ${detail}`;
  } else if (/access denied|may require 'docker login'|forbidden|\b403\b/i.test(detail)) {
    // Docker Hub answers the same for a missing repository and a private one.
    message = `${verb} ${ref}: no such image in registry ${registry}, or it refused ${creds}: ${detail}`;
  } else if (/manifest unknown|not found|does not exist|name unknown/i.test(detail) && !/no such host/i.test(detail)) {
    message = `${verb} ${ref}: no such image or tag in registry ${registry} (${detail})`;
  } else if (/connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|TLS handshake|server gave HTTP response to HTTPS client|EOF/i.test(detail)) {
    message = `${verb} ${ref}: registry ${registry} is unreachable: ${detail}`;
  } else {
    message = `${verb} ${ref}: ${detail}`;
  }
  return new TcomposeError(message, { cause: err });
}

/** Sums layer progress into one line per image: "Downloading 45% (12.3MB/27.1MB)". */
function layerAggregator(node: PlanNode, sink: ProgressSink, quiet: boolean): (p: PullProgress) => void {
  const layers = new Map<string, { current: number; total: number }>();
  let last = 0;
  let lastStatus = '';
  return (p) => {
    if (quiet || !p.status) return;
    if (p.id && p.progressDetail?.total) layers.set(p.id, { current: p.progressDetail.current ?? 0, total: p.progressDetail.total });
    if (p.id && /complete|already exists|pushed|layer already exists/i.test(p.status ?? '')) {
      const l = layers.get(p.id);
      if (l) l.current = l.total;
    }
    const status = p.status ?? '';
    const now = Date.now();
    const headline = !p.id; // "Pulling from …", "Digest: …", "Status: …"
    if (!headline && now - last < 200 && status === lastStatus) return; // one line per image, not per layer event
    last = now;
    lastStatus = status;
    let current = 0;
    let total = 0;
    for (const l of layers.values()) {
      current += Math.min(l.current, l.total); // push totals can undercount
      total += l.total;
    }
    const pct = total && !headline ? ` ${Math.floor((current / total) * 100)}% (${bytes(current)}/${bytes(total)})` : '';
    sink({ type: 'node.progress', node, detail: `${status || 'Working'}${pct}`, current, total });
  };
}

const bytes = (n: number): string => {
  if (n < 1024) return `${n}B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)}kB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)}MB`;
  return `${(n / 1024 ** 3).toFixed(2)}GB`;
};

export async function pullImage(engine: Engine, ref: string, node: PlanNode, sink: ProgressSink, options: ImageExecOptions = {}): Promise<void> {
  const config = await (options.dockerConfig ?? readDockerConfig());
  const auth = await credentialsFor(ref, config);
  try {
    await engine.pullImage(ref, auth, layerAggregator(node, sink, options.quiet ?? false));
  } catch (err) {
    throw explainPullError(ref, err, auth);
  }
}

export async function pushImage(engine: Engine, ref: string, node: PlanNode, sink: ProgressSink, options: ImageExecOptions = {}): Promise<void> {
  const config = await (options.dockerConfig ?? readDockerConfig());
  const auth = await credentialsFor(ref, config);
  try {
    await engine.pushImage(ref, auth, layerAggregator(node, sink, options.quiet ?? false));
  } catch (err) {
    throw explainPullError(ref, err, auth, 'pushing');
  }
}

/** The build's failure: the step that failed and what it printed. */
export class BuildError extends TcomposeError {}

/** Builds one image; with `pullFirst`, tries pulling it and builds only if that fails. */
export async function buildImage(engine: Engine, op: Extract<Operation, { kind: 'image.build' }>, node: PlanNode, sink: ProgressSink, options: ImageExecOptions = {}): Promise<string | undefined> {
  const config = await (options.dockerConfig ?? readDockerConfig());
  if (op.pullFirst) {
    try {
      await pullImage(engine, op.pullFirst, node, sink, options);
      return undefined;
    } catch (err) {
      if (!options.quiet) sink({ type: 'node.progress', node, detail: `pull failed, building instead: ${(err as Error).message.split('\n')[0]}` });
    }
  }
  // Loaded only to build: it brings tar-stream and the .dockerignore matcher.
  const { createBuildContext } = await import('./build-context.js');
  const ctx = await createBuildContext({ dir: op.context, dockerfile: op.dockerfilePath, dockerfileInline: op.dockerfileInline });
  const registryconfig = await allCredentials(config);
  let step = '';
  let output: string[] = [];
  let partial = '';
  const onLine = (line: string): void => {
    if (/^Step \d+\/\d+ : /.test(line)) {
      step = line;
      output = [];
    } else if (line.trim() && !/^ ---> /.test(line) && !/^Removing intermediate container /.test(line)) {
      output.push(line);
      if (output.length > 40) output.shift();
    }
    if (!options.quiet && line.trim()) sink({ type: 'node.progress', node, detail: line });
  };
  const onProgress = (p: BuildProgress): void => {
    if (p.stream === undefined) {
      if (p.status && !options.quiet) sink({ type: 'node.progress', node, detail: p.status });
      return;
    }
    // The engine colours a step's stderr with ANSI codes; only ui/ decides about colour.
    const text = partial + p.stream.replace(/\x1b\[[0-9;]*m/g, '');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r/g, ''));
  };
  try {
    // The docker CLI's proxy settings go in as build args (the builder's predefined ones); the service's own args win.
    const proxyArgs = proxyEnvironment(config, engine.host);
    const buildargs = Object.keys(proxyArgs).length ? { ...proxyArgs, ...(op.options.buildargs ?? {}) } : op.options.buildargs;
    const options = { ...op.options, ...(buildargs ? { buildargs } : {}), dockerfile: ctx.dockerfile, ...(Object.keys(registryconfig).length ? { registryconfig } : {}) };
    return await engine.buildImage(ctx.stream, options, onProgress);
  } catch (err) {
    if (partial) onLine(partial);
    ctx.stream.destroy();
    const detail = (err instanceof Error ? err.message : String(err)).replace(/^building image \S+: /, '');
    const ref = op.options.tags[0];
    const hint = /--mount option requires BuildKit|requires BuildKit|unknown flag: mount/i.test(detail)
      ? '\nthis engine builds with the classic builder (no BuildKit): `RUN --mount` and other BuildKit syntax are not available'
      : '';
    const lines = [`building ${ref} (service ${op.service}) failed${step ? ` at ${step}` : ''}: ${detail}${hint}`];
    if (output.length) lines.push(...output.map((l) => `  | ${l}`));
    throw new BuildError(lines.join('\n'), { cause: err });
  }
}
