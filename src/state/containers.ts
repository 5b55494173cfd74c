// The one way the commands list a project's containers (ps, logs, attach, top, stats, images,
// exec, cp, wait, watch …): label-filtered, one-off `run` containers in or out, in one order.
import type { ContainerSummary, Engine } from '../engine/types.js';
import { Label, projectFilter } from './labels.js';
import { compareText } from '../model/order.js';

export interface ContainerQuery {
  /** Only these services' containers (all the project's, orphans included, when absent or empty). */
  readonly services?: Iterable<string>;
  /** false (default): service containers only; true: one-off `run` containers only; 'any': both. */
  readonly oneoff?: boolean | 'any';
  /** Stopped containers too (default true); false asks the engine for running ones only. */
  readonly all?: boolean;
}

/** The number in the container's name (app-1 → 1), from its label. */
export const containerNumber = (c: ContainerSummary): number => Number(c.labels[Label.number]) || 0;

export const isOneoff = (c: ContainerSummary): boolean => c.labels[Label.oneoff] === 'True';

/** Service, then container number, then name (one-offs share their service's numbers). */
export const byServiceAndNumber = (a: ContainerSummary, b: ContainerSummary): number =>
  compareText(a.labels[Label.service] ?? '', b.labels[Label.service] ?? '') || containerNumber(a) - containerNumber(b) || compareText(a.name, b.name);

/** The project's containers matching `query`, sorted by service then number. */
export async function projectContainers(engine: Engine, project: string, query: ContainerQuery = {}): Promise<ContainerSummary[]> {
  const services = query.services ? new Set(query.services) : undefined;
  const wanted = services?.size ? services : undefined;
  const labels = projectFilter(project);
  // One service: let the engine do the filtering.
  if (wanted?.size === 1) labels.push(`${Label.service}=${[...wanted][0]!}`);
  const oneoff = query.oneoff ?? false;
  const list = await engine.listContainers({ all: query.all ?? true, labels });
  return list
    .filter((c) => (!wanted || wanted.has(c.labels[Label.service] ?? '')) && (oneoff === 'any' || isOneoff(c) === oneoff))
    .sort(byServiceAndNumber);
}
