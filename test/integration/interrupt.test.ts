// Ctrl-C and closed pipes: an interrupted `up` exits 130 (not "failed"), and a reader that
// goes away (`tcompose … | head`) ends tcompose quietly.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, projectDir, startCli, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('intr');
afterAll(() => cleanupProject(project));


describe('interruptions', () => {
  it('Ctrl-C while up waits for a dependency exits 130', async () => {
    const dir = projectDir({
      'compose.yaml': `
services:
  slow:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1000}
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on:
      slow: {condition: service_healthy}
`,
    });
    const run = startCli(['-p', project, '--progress', 'plain', 'up', '-d'], { cwd: dir });
    const deadline = Date.now() + 30_000;
    while (!run.err().includes('Service slow  Waiting') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(run.err()).toContain('Service slow  Waiting');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.err()).toMatch(/^interrupted$/m);
    expect(run.err()).not.toMatch(/not done because of the above/);
  });

  it('a closed stdout ends tcompose quietly', async () => {
    const services = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`s${i}`, { image: BUSYBOX }]));
    const dir = projectDir({ 'compose.yaml': JSON.stringify({ services }) });
    const run = startCli(['config'], { cwd: dir });
    await new Promise<void>((resolve) => run.child.stdout!.once('data', () => resolve()));
    run.child.stdout!.destroy();
    expect(await run.exited).toBe(0);
    expect(run.err()).toBe('');
  });
});
