// The container a command acts on: "running" is isUp (state/observe), one definition for all
// commands; a paused or restarting container counts, an exited one does not.
import { describe, expect, it } from 'vitest';
import { serviceContainer } from '../../../src/app/service-containers.js';
import type { ContainerSummary, Engine } from '../../../src/engine/types.js';
import type { Project } from '../../../src/model/types.js';

const summary = (n: number, state: string): ContainerSummary =>
  ({ id: `id${n}`, name: `demo-web-${n}`, state, labels: { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': String(n), 'com.docker.compose.oneoff': 'False' } }) as unknown as ContainerSummary;
const engineWith = (list: ContainerSummary[]): Engine => ({ listContainers: async () => list }) as unknown as Engine;
const project = { name: 'demo', services: { web: { name: 'web' } } } as unknown as Project;

describe('serviceContainer', () => {
  it('counts paused and restarting containers as running, exited ones not', async () => {
    const engine = engineWith([summary(1, 'exited'), summary(2, 'paused'), summary(3, 'restarting')]);
    expect((await serviceContainer(engine, project, 'web', undefined, true)).name).toBe('demo-web-2');
    expect((await serviceContainer(engine, project, 'web', 3, true)).name).toBe('demo-web-3');
    await expect(serviceContainer(engine, project, 'web', 1, true)).rejects.toThrow('container demo-web-1 is not running');
    await expect(serviceContainer(engineWith([summary(1, 'exited')]), project, 'web', undefined, true)).rejects.toThrow('service "web" is not running');
  });
});
