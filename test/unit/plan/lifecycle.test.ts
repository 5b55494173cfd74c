// start/stop/restart/kill/rm/pause planners and down: golden plan text, no engine.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../../src/plan/format.js';
import { planKill, planPause, planRemove, planRestart, planStart, planStop, removedContainers } from '../../../src/plan/lifecycle.js';
import { planDown } from '../../../src/plan/down.js';
import { container, observed, project } from './helpers.js';

const stack = `
services:
  db:
    image: busybox
    healthcheck: {test: ["CMD", "true"]}
  migrate:
    image: busybox
    depends_on: [db]
  web:
    image: busybox
    depends_on:
      db: {condition: service_healthy}
      migrate: {condition: service_completed_successfully}
  proxy:
    image: busybox
    depends_on: [web]
volumes:
  data: {}
`;

const all = ['db', 'migrate', 'web', 'proxy'];

describe('lifecycle planners', () => {
  it('start: dependency order with depends_on conditions, running ones untouched', async () => {
    const p = await project(stack);
    const o = observed(p, [container(p, { service: 'db', state: 'exited' }), container(p, { service: 'migrate', state: 'exited' }), container(p, { service: 'web', state: 'created' }), container(p, { service: 'proxy' })]);
    expect(formatPlan(planStart(p, o))).toMatchInlineSnapshot(`
      "start container demo-db-1 (was exited)
      start container demo-migrate-1 (was exited) after: start container demo-db-1
      wait service db (healthy) after: start container demo-db-1
      wait service migrate (completed_successfully) after: start container demo-migrate-1
      start container demo-web-1 (was created) after: wait service db, wait service migrate"
    `);
    expect(formatPlan(planStart(p, o, { services: ['db'], wait: true }))).toMatchInlineSnapshot(`
      "start container demo-db-1 (was exited)
      wait service db (ready) after: start container demo-db-1"
    `);
  });

  it('start: a named service without containers is an error', async () => {
    const p = await project(stack);
    expect(() => planStart(p, observed(p, []), { services: ['web'] })).toThrow('service web has no container to start');
    expect(() => planStart(p, observed(p, []))).toThrow('no containers to start');
  });

  it('stop: dependents before their dependencies, only running containers', async () => {
    const p = await project(stack);
    const o = observed(p, all.map((service) => container(p, { service, state: service === 'migrate' ? 'exited' : 'running' })));
    expect(formatPlan(planStop(p, o, { timeout: 3 }))).toMatchInlineSnapshot(`
      "stop container demo-proxy-1 (stop)
      stop container demo-web-1 (stop) after: stop container demo-proxy-1
      stop container demo-db-1 (stop) after: stop container demo-proxy-1, stop container demo-web-1"
    `);
    expect(formatPlan(planStop(p, o, { services: ['db'] }))).toMatchInlineSnapshot(`"stop container demo-db-1 (stop)"`);
  });

  it('restart: the service and its dependents, dependencies first; --no-deps only the named', async () => {
    const p = await project(stack);
    const o = observed(p, all.map((service) => container(p, { service })));
    expect(formatPlan(planRestart(p, o, { services: ['web'] }))).toMatchInlineSnapshot(`
      "restart container demo-web-1 (restart)
      restart container demo-proxy-1 (dependency restarted) after: restart container demo-web-1"
    `);
    expect(formatPlan(planRestart(p, o, { services: ['web'], noDeps: true }))).toMatchInlineSnapshot(`"restart container demo-web-1 (restart)"`);
  });

  it('kill: running containers with the signal; orphans warned about or removed', async () => {
    const p = await project(stack);
    const o = observed(p, [container(p, { service: 'db' }), container(p, { service: 'web', state: 'exited' }), container(p, { service: 'old' })]);
    expect(formatPlan(planKill(p, o, { signal: 'SIGTERM' }))).toMatchInlineSnapshot(`
      "warning: found orphan containers (demo-old-1) for this project; if you removed or renamed the service in your compose file, run this command with --remove-orphans to clean them up
      kill container demo-db-1 (SIGTERM)"
    `);
    expect(formatPlan(planKill(p, o, { services: ['db'], removeOrphans: true }))).toMatchInlineSnapshot(`
      "kill container demo-db-1 (SIGKILL)
      stop container demo-old-1 (orphan)
      remove container demo-old-1 (orphan) after: stop container demo-old-1"
    `);
  });

  it('rm: stopped containers only; with stop, running ones after stopping them', async () => {
    const p = await project(stack);
    const o = observed(p, [container(p, { service: 'db' }), container(p, { service: 'migrate', state: 'exited' }), container(p, { service: 'web', state: 'created' }), container(p, { service: 'proxy' })]);
    const plain = planRemove(p, o);
    expect(formatPlan(plain)).toMatchInlineSnapshot(`
      "remove container demo-migrate-1 (was exited)
      remove container demo-web-1 (was created)"
    `);
    expect(removedContainers(plain)).toEqual(['demo-migrate-1', 'demo-web-1']);
    expect(formatPlan(planRemove(p, o, { stop: true, volumes: true }))).toMatchInlineSnapshot(`
      "remove container demo-migrate-1 (was exited)
      remove container demo-web-1 (was created)
      stop container demo-proxy-1 (rm --stop)
      remove container demo-proxy-1 (rm --stop) after: stop container demo-proxy-1
      stop container demo-db-1 (rm --stop) after: stop container demo-proxy-1
      remove container demo-db-1 (rm --stop) after: stop container demo-db-1"
    `);
    expect(formatPlan(planRemove(p, observed(p, [container(p, { service: 'db' })])))).toBe('nothing to do');
  });

  it('pause and unpause', async () => {
    const p = await project(stack);
    const o = observed(p, [container(p, { service: 'db' }), container(p, { service: 'web', state: 'paused' })]);
    expect(formatPlan(planPause(p, o))).toMatchInlineSnapshot(`"pause container demo-db-1 (was running)"`);
    expect(formatPlan(planPause(p, o, { unpause: true }))).toMatchInlineSnapshot(`"unpause container demo-web-1 (was paused)"`);
  });

  it('rejects unknown services, names disabled ones', async () => {
    const p = await project(`services:\n  a: {image: busybox}\n  b: {image: busybox, profiles: [x]}\n`);
    expect(() => planStop(p, observed(p, []), { services: ['zz'] })).toThrow('no such service: zz');
    expect(() => planStop(p, observed(p, []), { services: ['b'] })).toThrow('no such service: b (it is disabled by its profiles)');
  });

  it('down: reverse dependency order, networks after containers, volumes only with -v', async () => {
    const p = await project(stack);
    const o = observed(p, all.map((service) => container(p, { service })));
    expect(formatPlan(planDown(p, o))).toMatchInlineSnapshot(`
      "stop container demo-proxy-1 (down)
      remove container demo-proxy-1 (down) after: stop container demo-proxy-1
      stop container demo-web-1 (down) after: stop container demo-proxy-1
      remove container demo-web-1 (down) after: stop container demo-web-1
      stop container demo-migrate-1 (down) after: stop container demo-proxy-1, stop container demo-web-1
      remove container demo-migrate-1 (down) after: stop container demo-migrate-1
      stop container demo-db-1 (down) after: stop container demo-migrate-1, stop container demo-proxy-1, stop container demo-web-1
      remove container demo-db-1 (down) after: stop container demo-db-1
      remove network demo_default (down (default)) after: remove container demo-db-1, remove container demo-migrate-1, remove container demo-proxy-1, remove container demo-web-1"
    `);
    expect(formatPlan(planDown(p, o, { volumes: true })).split('\n').filter((l) => l.includes('volume'))).toMatchInlineSnapshot(`
      [
        "remove volume demo_data (down -v) after: remove container demo-db-1, remove container demo-migrate-1, remove container demo-proxy-1, remove container demo-web-1",
      ]
    `);
  });
});
