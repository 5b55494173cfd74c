// top: the processes running in each of the project's service containers.
import type { AppContext } from './context.js';
import { projectContainers } from '../state/containers.js';
import { Label } from '../state/labels.js';

export interface ContainerProcesses {
  readonly name: string;
  readonly service: string;
  readonly titles: readonly string[];
  readonly processes: readonly (readonly string[])[];
}

export async function top(ctx: AppContext, req: { readonly services?: readonly string[] } = {}): Promise<ContainerProcesses[]> {
  const engine = await ctx.engine();
  // One-off `run` containers too: docker compose top includes them (oneOffInclude).
  const list = (await projectContainers(engine, ctx.project.name, { services: req.services, oneoff: 'any', all: false })).filter((c) => c.state === 'running');
  return Promise.all(
    list.map(async (c) => ({ name: c.name, service: c.labels[Label.service] ?? '', ...(await engine.topContainer(c.id)) })),
  );
}
