// commit: an image of a service container's changes, as `docker commit` makes it.
import type { AppContext } from './context.js';
import { serviceContainer } from './service-containers.js';
import { UsageError } from '../errors.js';

export interface CommitRequest {
  readonly service: string;
  /** REPOSITORY[:TAG]; without it the image is untagged. */
  readonly reference?: string;
  readonly index?: number;
  readonly author?: string;
  readonly message?: string;
  /** Dockerfile instructions to apply (-c), e.g. `CMD ["sh"]`, `ENV A=1`. */
  readonly changes?: readonly string[];
  /** Pause the container while committing (default true). */
  readonly pause?: boolean;
}

/** "host:5000/app:dev" → repo "host:5000/app", tag "dev"; no tag means "latest", as docker has it. The engine checks the rest. */
export function splitReference(ref: string): { repo: string; tag: string } {
  if (ref.includes('@')) throw new UsageError(`invalid reference ${JSON.stringify(ref)}: a digest cannot be given to commit`);
  const colon = ref.lastIndexOf(':');
  const [repo, tag] = colon > ref.lastIndexOf('/') ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, 'latest'];
  if (!repo) throw new UsageError(`invalid reference ${JSON.stringify(ref)}: no repository`);
  return { repo, tag };
}

/** Resolves with the new image's ID. */
export async function commit(ctx: AppContext, req: CommitRequest): Promise<string> {
  const ref = req.reference ? splitReference(req.reference) : undefined;
  const engine = await ctx.engine();
  const container = await serviceContainer(engine, ctx.project, req.service, req.index, false);
  return engine.commitContainer(container.id, {
    repo: ref?.repo,
    tag: ref?.tag,
    author: req.author,
    comment: req.message,
    changes: req.changes,
    pause: req.pause ?? true,
  });
}
