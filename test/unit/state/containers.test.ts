// projectContainers: the one lister every command uses (one-offs in or out, services, order).
import { describe, expect, it } from 'vitest';
import type { ContainerSummary, Engine } from '../../../src/engine/types.js';
import { projectContainers } from '../../../src/state/containers.js';

const c = (name: string, service: string, number: number, state: string, oneoff = false, project = 'p'): ContainerSummary =>
  ({
    id: name,
    name,
    state,
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(number),
      'com.docker.compose.oneoff': oneoff ? 'True' : 'False',
    },
  }) as unknown as ContainerSummary;

const all = [
  c('p-web-10', 'web', 10, 'running'),
  c('p-web-2', 'web', 2, 'exited'),
  c('p-db-1', 'db', 1, 'running'),
  c('p-web-run-abc', 'web', 1, 'running', true),
  c('q-web-1', 'web', 1, 'running', false, 'q'),
];

/** Honours `all` and the label filters as the engine does; records the calls. */
const fakeEngine = (calls: unknown[] = []): Engine =>
  ({
    listContainers: async (f: { all?: boolean; labels?: string[] }) => {
      calls.push(f);
      return all.filter(
        (x) => (f.all || x.state === 'running') && (f.labels ?? []).every((l) => { const [k, v] = l.split('='); return x.labels[k!] === v; }),
      );
    },
  }) as unknown as Engine;

const names = (list: ContainerSummary[]): string[] => list.map((x) => x.name);

describe('projectContainers', () => {
  it('lists the project service containers, stopped too, by service then number (not name)', async () => {
    expect(names(await projectContainers(fakeEngine(), 'p'))).toEqual(['p-db-1', 'p-web-2', 'p-web-10']);
  });

  it('takes one-offs only, or both', async () => {
    expect(names(await projectContainers(fakeEngine(), 'p', { oneoff: true }))).toEqual(['p-web-run-abc']);
    expect(names(await projectContainers(fakeEngine(), 'p', { oneoff: 'any' }))).toEqual(['p-db-1', 'p-web-run-abc', 'p-web-2', 'p-web-10']);
  });

  it('filters services (one service through the engine label filter) and running only with all: false', async () => {
    const calls: unknown[] = [];
    expect(names(await projectContainers(fakeEngine(calls), 'p', { services: ['web'] }))).toEqual(['p-web-2', 'p-web-10']);
    expect(calls[0]).toEqual({ all: true, labels: ['com.docker.compose.project=p', 'com.docker.compose.service=web'] });
    expect(names(await projectContainers(fakeEngine(), 'p', { services: new Set(['web', 'db']), all: false }))).toEqual(['p-db-1', 'p-web-10']);
    // An empty list means every service.
    expect(names(await projectContainers(fakeEngine(), 'p', { services: [] }))).toHaveLength(3);
  });
});
