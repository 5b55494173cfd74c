// images: the images the project's containers use, one row per container.
import { projectContainers } from '../state/containers.js';
import { Label } from '../state/labels.js';
import type { AppContext } from './context.js';
import { compareText } from '../model/order.js';

export interface ImageRow {
  readonly container: string;
  readonly service: string;
  readonly repository: string;
  readonly tag: string;
  readonly id: string;
  readonly size: number;
  readonly created: number; // unix seconds
}

export interface ImagesRequest {
  readonly services?: readonly string[];
}

/** "host:5000/a/b:tag" → ["host:5000/a/b", "tag"]; digests and untagged refs give "<none>". */
export function splitRef(ref: string): [string, string] {
  const at = ref.indexOf('@');
  if (at >= 0) return [ref.slice(0, at), '<none>'];
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return [ref.slice(0, colon), ref.slice(colon + 1)];
  return [ref, 'latest'];
}

export async function images(ctx: AppContext, req: ImagesRequest = {}): Promise<ImageRow[]> {
  const engine = await ctx.engine();
  // One-off `run` containers too, as docker compose images lists them.
  const chosen = await projectContainers(engine, ctx.project.name, { services: req.services, oneoff: 'any' });
  const byId = new Map(await Promise.all([...new Set(chosen.map((c) => c.imageId))].map(async (id) => [id, await engine.inspectImage(id)] as const)));
  const rows: ImageRow[] = [];
  for (const c of chosen) {
    const image = byId.get(c.imageId);
    // The tag the container was created from, if the image still carries it; else its first tag.
    const ref = image?.repoTags.includes(c.image) ? c.image : (image?.repoTags[0] ?? '<none>:<none>');
    const [repository, tag] = ref === '<none>:<none>' ? ['<none>', '<none>'] : splitRef(ref);
    rows.push({ container: c.name, service: c.labels[Label.service] ?? '', repository, tag, id: c.imageId, size: image?.size ?? 0, created: image?.created ?? 0 });
  }
  return rows.sort((a, b) => compareText(a.container, b.container));
}
