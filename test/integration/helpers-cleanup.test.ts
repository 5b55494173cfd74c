// cleanupProject removes what it can even when one step fails (here: a network held by a
// container that is not the project's), and says so.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, docker, projectResources, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('cleanup');
const label = `com.docker.compose.project=${project}`;
const holder = `${project}-holder`;

afterAll(() => {
  try {
    docker('rm', '-f', holder);
  } catch {
    // gone
  }
  cleanupProject(project);
});

describe('cleanupProject', () => {
  it('removes the volumes although a network cannot be removed, then throws', () => {
    docker('network', 'create', '--label', label, `${project}_default`);
    docker('volume', 'create', '--label', label, `${project}_data`);
    docker('run', '-d', '--name', holder, '--network', `${project}_default`, BUSYBOX, 'sleep', '60');
    expect(() => cleanupProject(project)).toThrow(/network/);
    const left = projectResources(project);
    expect(left.volumes).toEqual([]);
    expect(left.networks).toEqual([`${project}_default`]);
    docker('rm', '-f', holder);
    cleanupProject(project);
    expect(projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 30_000);
});
