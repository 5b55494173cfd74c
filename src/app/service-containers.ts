// The one container of a service a command acts on (exec, cp, port, attach, commit, export):
// by service name and --index (container number), one-off `run` containers left out.
import { checkServices } from '../graph/services.js';
import type { ContainerSummary, Engine } from '../engine/types.js';
import type { Project } from '../model/types.js';
import { TcomposeError } from '../errors.js';
import { projectContainers } from '../state/containers.js';
import { isUp } from '../state/observe.js';
import { containerNumber } from '../state/containers.js';

/** The service must be in the file (or disabled by profiles, which still names it). */
export function checkService(project: Project, service: string): void {
  checkServices(project, [service], { allowDisabled: true });
}

/**
 * The container a command acts on: number `index`, or the first one. `needRunning` refuses a
 * stopped one with docker compose's message.
 */
export async function serviceContainer(engine: Engine, project: Project, service: string, index: number | undefined, needRunning: boolean): Promise<ContainerSummary> {
  checkService(project, service);
  const all = await projectContainers(engine, project.name, { services: [service] });
  const candidates = needRunning ? all.filter(isUp) : all;
  if (index !== undefined) {
    const c = all.find((x) => containerNumber(x) === index);
    if (!c) throw new TcomposeError(`service "${service}" has no container with index ${index}`);
    if (needRunning && !isUp(c)) throw new TcomposeError(`container ${c.name} is not running`);
    return c;
  }
  const c = candidates[0];
  if (!c) throw new TcomposeError(needRunning ? `service "${service}" is not running` : `service "${service}" has no container`);
  return c;
}
