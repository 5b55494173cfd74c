// The containers of one service, as exec, cp, port, top, attach and stats pick them: by
// service name and --index (container number), one-off `run` containers left out.
import { checkServices } from '../graph/services.js';
import type { ContainerSummary, Engine } from '../engine/types.js';
import type { Project } from '../model/types.js';
import { TcomposeError } from '../errors.js';
import { Label, projectFilter } from '../state/labels.js';
import { containerNumber } from '../state/observe.js';

/** The service must be in the file (or disabled by profiles, which still names it). */
export function checkService(project: Project, service: string): void {
  checkServices(project, [service], { allowDisabled: true });
}

/** Every container of the service (stopped ones too), lowest number first. */
export async function serviceContainers(engine: Engine, project: Project, service: string, options: { readonly oneoff?: boolean } = {}): Promise<ContainerSummary[]> {
  const list = await engine.listContainers({ all: true, labels: [...projectFilter(project.name), `${Label.service}=${service}`] });
  return list
    .filter((c) => (c.labels[Label.oneoff] === 'True') === Boolean(options.oneoff))
    .sort((a, b) => containerNumber(a) - containerNumber(b));
}

const running = (c: ContainerSummary): boolean => c.state === 'running' || c.state === 'restarting' || c.state === 'paused';

/**
 * The container a command acts on: number `index`, or the first one. `needRunning` refuses a
 * stopped one with docker compose's message.
 */
export async function serviceContainer(engine: Engine, project: Project, service: string, index: number | undefined, needRunning: boolean): Promise<ContainerSummary> {
  checkService(project, service);
  const all = await serviceContainers(engine, project, service);
  const candidates = needRunning ? all.filter(running) : all;
  if (index !== undefined) {
    const c = all.find((x) => containerNumber(x) === index);
    if (!c) throw new TcomposeError(`service "${service}" has no container with index ${index}`);
    if (needRunning && !running(c)) throw new TcomposeError(`container ${c.name} is not running`);
    return c;
  }
  const c = candidates[0];
  if (!c) throw new TcomposeError(needRunning ? `service "${service}" is not running` : `service "${service}" has no container`);
  return c;
}
