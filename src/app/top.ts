// top: the processes running in each of the project's service containers.
import type { AppContext } from './context.js';
import { Label, projectFilter } from '../state/labels.js';
import { containerNumber } from '../state/observe.js';

export interface ContainerProcesses {
  readonly name: string;
  readonly service: string;
  readonly titles: readonly string[];
  readonly processes: readonly (readonly string[])[];
}

export async function top(ctx: AppContext, req: { readonly services?: readonly string[] } = {}): Promise<ContainerProcesses[]> {
  const engine = await ctx.engine();
  const wanted = req.services?.length ? new Set(req.services) : undefined;
  const list = (await engine.listContainers({ labels: projectFilter(ctx.project.name) }))
    .filter((c) => c.state === 'running' && (!wanted || wanted.has(c.labels[Label.service] ?? '')))
    .sort((a, b) => a.name.localeCompare(b.name) || containerNumber(a) - containerNumber(b));
  return Promise.all(
    list.map(async (c) => ({ name: c.name, service: c.labels[Label.service] ?? '', ...(await engine.topContainer(c.id)) })),
  );
}
