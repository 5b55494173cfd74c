// reconcile(): golden plan text for the convergence rules, no engine.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../../src/plan/format.js';
import { reconcile } from '../../../src/plan/up.js';
import { planDown } from '../../../src/plan/down.js';
import { networksToRecreate, planResources } from '../../../src/plan/resources-plan.js';
import { observe } from '../../../src/state/observe.js';
import type { Engine, NetworkSummary } from '../../../src/engine/types.js';
import type { Operation } from '../../../src/plan/types.js';
import { container, network, observed, project } from './helpers.js';
import { networkBody, volumeHash } from '../../../src/plan/resources.js';
import { Label } from '../../../src/state/labels.js';

const stack = `
services:
  db:
    image: busybox
    environment: {A: "1"}
    volumes: [data:/data, /anon]
    healthcheck: {test: ["CMD", "true"], interval: 1s}
  web:
    image: busybox
    depends_on:
      db: {condition: service_healthy, restart: true}
  worker:
    image: busybox
    depends_on: [db]
volumes:
  data: {}
`;

describe('reconcile', () => {
  it('plans a fresh stack: network and volume first, dependencies before dependents', async () => {
    const p = await project(stack);
    expect(formatPlan(reconcile(p, observed(p, [], { noResources: true })))).toMatchInlineSnapshot(`
      "create network demo_default (missing)
      create container demo-web-1 (missing) after: create network demo_default
      create container demo-worker-1 (missing) after: create network demo_default
      create volume demo_data (missing)
      create container demo-db-1 (missing) after: create network demo_default, create volume demo_data
      start container demo-db-1 (created) after: create container demo-db-1
      start container demo-worker-1 (created) after: create container demo-db-1, create container demo-worker-1, start container demo-db-1
      wait service db (healthy) after: create container demo-db-1, start container demo-db-1
      start container demo-web-1 (created) after: create container demo-web-1, wait service db"
    `);
  });

  it('is idempotent: an up-to-date running stack needs nothing', async () => {
    const p = await project(stack);
    const o = observed(p, ['db', 'web', 'worker'].map((service) => container(p, { service })));
    expect(formatPlan(reconcile(p, o))).toMatchInlineSnapshot(`"nothing to do"`);
  });

  it('recreates only the changed service and restarts its restart:true dependents', async () => {
    const before = await project(stack);
    const p = await project(stack.replace('A: "1"', 'A: "2"'));
    const o = observed(p, [container(p, { service: 'db', from: before.services.db }), container(p, { service: 'web' }), container(p, { service: 'worker' })]);
    const plan = reconcile(p, o);
    expect(formatPlan(plan)).toMatchInlineSnapshot(`
      "recreate container demo-db-1 (config changed: environment)
      start container demo-db-1 (recreated) after: recreate container demo-db-1
      wait service db (healthy) after: recreate container demo-db-1, start container demo-db-1
      restart container demo-web-1 (dependency db recreated) after: start container demo-db-1, wait service db"
    `);
    const op = plan.nodes.find((n) => n.op.kind === 'container.recreate')!.op as Extract<Operation, { kind: 'container.recreate' }>;
    // What is kept is `carry` alone (with -V: empty; see the carry-over test below).
    expect(op).not.toHaveProperty('keepAnonymousVolumes');
    expect(op.carry).toEqual([]);
  });

  it('starts stopped containers and never touches volumes', async () => {
    const p = await project(stack);
    const o = observed(p, [container(p, { service: 'db', state: 'exited' }), container(p, { service: 'web', state: 'exited' }), container(p, { service: 'worker' })]);
    expect(formatPlan(reconcile(p, o))).toMatchInlineSnapshot(`
      "start container demo-db-1 (was exited)
      wait service db (healthy) after: start container demo-db-1
      start container demo-web-1 (was exited) after: wait service db"
    `);
  });

  it('scales down highest numbers first and up with new numbers', async () => {
    const p = await project(`services:\n  app: {image: busybox, scale: 3}\n`);
    const three = [1, 2, 3].map((number) => container(p, { service: 'app', number }));
    expect(formatPlan(reconcile(p, observed(p, three), { scale: { app: 1 } }))).toMatchInlineSnapshot(`
      "stop container demo-app-2 (scaled down)
      remove container demo-app-2 (scaled down) after: stop container demo-app-2
      stop container demo-app-3 (scaled down)
      remove container demo-app-3 (scaled down) after: stop container demo-app-3"
    `);
    expect(formatPlan(reconcile(p, observed(p, three.slice(0, 1)), { scale: { app: 2 } }))).toMatchInlineSnapshot(`
      "create container demo-app-2 (missing)
      start container demo-app-2 (created) after: create container demo-app-2"
    `);
    expect(formatPlan(reconcile(p, observed(p, three)))).toBe('nothing to do');
  });

  it('warns about orphans, removes them with removeOrphans', async () => {
    const p = await project(`services:\n  app: {image: busybox}\n`);
    const o = observed(p, [container(p, { service: 'app' }), container(p, { service: 'gone' })]);
    expect(formatPlan(reconcile(p, o))).toMatchInlineSnapshot(`
      "warning: found orphan containers (demo-gone-1) for this project; if you removed or renamed the service in your compose file, run this command with --remove-orphans to clean them up
      nothing to do"
    `);
    expect(formatPlan(reconcile(p, o, { removeOrphans: true }))).toMatchInlineSnapshot(`
      "stop container demo-gone-1 (orphan)
      remove container demo-gone-1 (orphan) after: stop container demo-gone-1"
    `);
  });

  it('recreates a network whose config changed, and the containers on it', async () => {
    const p = await project(`services:\n  app: {image: busybox}\nnetworks:\n  default: {internal: true}\n`);
    const o = observed(p, [container(p, { service: 'app' })], { networks: [network('demo_default', { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'default', 'com.docker.compose.config-hash': 'old' })] });
    expect(formatPlan(reconcile(p, o))).toMatchInlineSnapshot(`
      "recreate network demo_default (config changed)
      recreate container demo-app-1 (network changed: demo_default) after: recreate network demo_default
      start container demo-app-1 (recreated) after: recreate container demo-app-1"
    `);
  });

  it('leaves a network without our config hash alone (made by another tool)', async () => {
    const p = await project(`services:\n  app: {image: busybox}\n`);
    const o = observed(p, [container(p, { service: 'app' })], { networks: [network('demo_default', { 'com.docker.compose.project': 'demo' })] });
    expect(formatPlan(reconcile(p, o))).toBe('nothing to do');
  });

  it('fails clearly when an external network or volume is missing', async () => {
    const p = await project(`services:\n  app: {image: busybox, networks: [outside]}\nnetworks:\n  outside: {external: true, name: corp-net}\n`);
    expect(() => reconcile(p, observed(p, []))).toThrow('network corp-net declared as external, but could not be found');
    const v = await project(`services:\n  app: {image: busybox, volumes: [keep:/k]}\nvolumes:\n  keep: {external: true}\n`);
    expect(() => reconcile(v, observed(v, []))).toThrow('volume keep declared as external, but could not be found');
  });

  it('force-recreate, no-recreate, always-recreate-deps, no-deps and no-start', async () => {
    const p = await project(stack);
    const all = observed(p, ['db', 'web', 'worker'].map((service) => container(p, { service })));
    expect(formatPlan(reconcile(p, all, { forceRecreate: true, services: ['worker'] }))).toMatchInlineSnapshot(`
      "recreate container demo-worker-1 (forced)
      start container demo-worker-1 (recreated) after: recreate container demo-worker-1"
    `);
    expect(formatPlan(reconcile(p, all, { alwaysRecreateDeps: true, services: ['worker'] }))).toMatchInlineSnapshot(`
      "recreate container demo-db-1 (dependency of a recreated service)
      start container demo-db-1 (recreated) after: recreate container demo-db-1"
    `);
    const before = await project(stack.replace('A: "1"', 'A: "0"'));
    const stale = observed(p, [container(p, { service: 'db', from: before.services.db }), container(p, { service: 'worker' })]);
    expect(formatPlan(reconcile(p, stale, { noRecreate: true, services: ['worker'] }))).toBe('nothing to do');
    expect(formatPlan(reconcile(p, observed(p, []), { noDeps: true, noStart: true, services: ['web'] }))).toMatchInlineSnapshot(`"create container demo-web-1 (missing)"`);
  });

  it('skips a required:false dependency that is not in the project', async () => {
    const p = await project(`services:\n  app:\n    image: busybox\n    depends_on:\n      cache: {condition: service_started, required: false}\n  cache: {image: busybox, profiles: [extra]}\n`);
    expect(formatPlan(reconcile(p, observed(p, [])))).toMatchInlineSnapshot(`
      "create container demo-app-1 (missing)
      start container demo-app-1 (created) after: create container demo-app-1"
    `);
  });

  it('copies content and environment secrets/configs in, bind-mounts file ones read-only', async () => {
    const p = await project(
      `services:\n  app:\n    image: busybox\n    secrets: [tok, {source: f, target: custom}]\n    configs: [{source: c, target: /etc/c.conf, mode: 0400, uid: "5"}]\nsecrets:\n  tok: {environment: TOKEN}\n  f: {file: ./f.txt}\nconfigs:\n  c: {content: "x=1"}\n`,
      { TOKEN: 'abc' },
    );
    const op = reconcile(p, observed(p, [])).nodes.find((n) => n.op.kind === 'container.create')!.op as Extract<Operation, { kind: 'container.create' }>;
    expect(op.files).toEqual([
      { path: '/run/secrets/tok', content: 'abc', mode: 0o444, uid: 0, gid: 0 },
      { path: '/etc/c.conf', content: 'x=1', mode: 0o400, uid: 5, gid: 0 },
    ]);
    const mounts = (op.body.HostConfig as { Mounts: { Source: string }[] }).Mounts;
    expect(mounts).toEqual([{ Type: 'bind', Source: expect.stringMatching(/\/f\.txt$/), Target: '/run/secrets/custom', ReadOnly: true }]);
  });

  it('adds ready waits for up --wait', async () => {
    const p = await project(stack);
    const o = observed(p, ['db', 'web', 'worker'].map((service) => container(p, { service })));
    expect(formatPlan(reconcile(p, o, { wait: true }))).toMatchInlineSnapshot(`
      "wait service db (ready)
      wait service web (ready)
      wait service worker (ready)"
    `);
  });
});

describe('reconcile: content, networks, completed one-shots', () => {
  it('recreates a container whose secret content changed, naming the secret; unknown content changes nothing', async () => {
    const yaml = `services:\n  app:\n    image: busybox\n    secrets: [tok]\nsecrets:\n  tok: {environment: TOKEN}\n`;
    const before = await project(yaml, { TOKEN: 'a' });
    const after = await project(yaml, { TOKEN: 'b' });
    const c = container(before, { service: 'app' });
    const labelled = { ...c, labels: { ...c.labels, 'dev.tcompose.content-digest': 'secrets.tok:0000' } };
    expect(formatPlan(reconcile(after, observed(after, [labelled])))).toContain('recreate container demo-app-1 (content changed: secrets.tok)');
    expect(reconcile(after, observed(after, [c])).nodes).toEqual([]); // no label: made by another tool, left alone
  });

  it('a recreated network reconnects the containers of services outside the run', async () => {
    const p = await project(`services:\n  a:\n    image: busybox\n  b:\n    image: busybox\n    networks: {default: {aliases: [bee]}}\n`);
    const o = observed(p, [container(p, { service: 'a' }), container(p, { service: 'b' })], { networks: [network('demo_default', { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'default', 'com.docker.compose.config-hash': 'old' })] });
    const plan = reconcile(p, o, { services: ['a'] });
    expect(formatPlan(plan)).toContain('connect container demo-b-1 (network demo_default recreated) after: recreate network demo_default');
    const op = plan.nodes.find((n) => n.op.kind === 'network.connect')!.op as Extract<Operation, { kind: 'network.connect' }>;
    expect(op.endpoint).toEqual({ Aliases: ['demo-b-1', 'b', 'bee'] });
  });

  it('a one-shot that exited 0 is not started again for its service_completed_successfully dependents', async () => {
    const p = await project(`services:\n  init:\n    image: busybox\n  app:\n    image: busybox\n    depends_on: {init: {condition: service_completed_successfully}}\n`);
    const done = { ...container(p, { service: 'init', state: 'exited' }), status: 'Exited (0) 5 seconds ago' };
    const failed = { ...done, status: 'Exited (1) 5 seconds ago' };
    expect(formatPlan(reconcile(p, observed(p, [done, container(p, { service: 'app' })])))).toBe('nothing to do');
    expect(formatPlan(reconcile(p, observed(p, [failed, container(p, { service: 'app' })])))).toContain('start container demo-init-1 (was exited)');
    expect(formatPlan(reconcile(p, observed(p, [done, container(p, { service: 'app' })]), { services: ['init'] }))).toContain('start container demo-init-1');
  });
});

describe('reconcile: one rule for "up" and orphans (shared with down and the lifecycle planners)', () => {
  it('stops a restarting orphan before removing it, as down and kill do', async () => {
    const p = await project(`services:\n  app: {image: busybox}\n`);
    const o = observed(p, [container(p, { service: 'app' }), container(p, { service: 'gone', state: 'restarting' })]);
    expect(formatPlan(reconcile(p, o, { removeOrphans: true }))).toMatchInlineSnapshot(`
      "stop container demo-gone-1 (orphan)
      remove container demo-gone-1 (orphan) after: stop container demo-gone-1"
    `);
  });

  it('up and down warn about orphans in the same words', async () => {
    const p = await project(`services:\n  app: {image: busybox}\n`);
    const o = observed(p, [container(p, { service: 'app' }), container(p, { service: 'gone' })]);
    const warning = (text: string): string => text.split('\n')[0]!;
    expect(warning(formatPlan(planDown(p, o)))).toBe(warning(formatPlan(reconcile(p, o))));
  });
});

describe('reconcile: depends_on restart and scale-down', () => {
  it('a container being scaled down is removed, not also restarted for a recreated dependency', async () => {
    const before = await project(stack);
    const p = await project(stack.replace('A: "1"', 'A: "2"'));
    const o = observed(p, [container(p, { service: 'db', from: before.services.db }), container(p, { service: 'web', number: 1 }), container(p, { service: 'web', number: 2 }), container(p, { service: 'worker' })]);
    expect(formatPlan(reconcile(p, o, { scale: { web: 1 } }))).toMatchInlineSnapshot(`
      "recreate container demo-db-1 (config changed: environment)
      start container demo-db-1 (recreated) after: recreate container demo-db-1
      stop container demo-web-2 (scaled down)
      remove container demo-web-2 (scaled down) after: stop container demo-web-2
      wait service db (healthy) after: recreate container demo-db-1, start container demo-db-1
      restart container demo-web-1 (dependency db recreated) after: start container demo-db-1, wait service db"
    `);
  });
});

describe('planResources', () => {
  it('plans only the networks and volumes of the given services', async () => {
    const p = await project(stack.replace('\nvolumes:', '\n  side: {image: busybox, networks: [back]}\nnetworks:\n  back: {}\nvolumes:'));
    expect(formatPlan(planResources(p, observed(p, [], { noResources: true }), ['db']))).toMatchInlineSnapshot(`
      "create network demo_default (missing)
      create volume demo_data (missing)"
    `);
    expect(formatPlan(planResources(p, observed(p, []), ['db', 'side']))).toBe('nothing to do');
  });

  it('says when a volume we made no longer matches its settings, and keeps it; never compares other tools\' hashes', async () => {
    const p = await project(`services:\n  db: {image: busybox, volumes: [data:/d]}\nvolumes:\n  data: {driver_opts: {type: tmpfs, device: tmpfs}}\n`);
    const ours = (hash: string) => ({ name: 'demo_data', driver: 'local', labels: { [Label.project]: 'demo', [Label.volume]: 'data', [Label.volumeHash]: hash }, options: {}, mountpoint: '' });
    const changed = planResources(p, observed(p, [], { volumes: [ours('old')] }), ['db']);
    expect(changed.nodes).toEqual([]);
    expect(changed.warnings).toEqual([expect.stringMatching(/^volume demo_data exists but doesn't match the configuration in the compose file .*it is used as it is/)]);
    expect(planResources(p, observed(p, [], { volumes: [ours(volumeHash(p.volumes.data!))] }), ['db']).warnings).toEqual([]);
    const theirs = { ...ours('x'), labels: { [Label.project]: 'demo', [Label.volume]: 'data', [Label.configHash]: 'compose-v2-hash' } };
    expect(planResources(p, observed(p, [], { volumes: [theirs] }), ['db']).warnings).toEqual([]);
  });

  it('-y: a changed volume is recreated after the containers using it are removed, and they come back new', async () => {
    const p = await project(`services:\n  db: {image: busybox, volumes: [data:/d]}\n  other: {image: busybox}\nvolumes:\n  data: {driver_opts: {type: tmpfs, device: tmpfs}}\n`);
    const vol = { name: 'demo_data', driver: 'local', labels: { [Label.project]: 'demo', [Label.volume]: 'data', [Label.volumeHash]: 'old' }, options: {}, mountpoint: '' };
    const db = { ...container(p, { service: 'db' }), mounts: [{ type: 'volume', name: 'demo_data', destination: '/d' }] };
    const o = observed(p, [db, container(p, { service: 'other' })], { volumes: [vol] });
    expect(formatPlan(reconcile(p, o, { recreateVolumes: true }))).toMatchInlineSnapshot(`
      "stop container demo-db-1 (volume demo_data recreated)
      remove container demo-db-1 (volume demo_data recreated) after: stop container demo-db-1
      remove volume demo_data (settings changed (-y): its data is lost) after: remove container demo-db-1
      create volume demo_data (recreated) after: remove volume demo_data
      create container demo-db-1 (volume demo_data recreated) after: create volume demo_data
      start container demo-db-1 (created) after: create container demo-db-1"
    `);
    expect(reconcile(p, o).warnings).toEqual([expect.stringContaining('`up -y` recreates it, which loses its data')]);
    // Only the volumes of the services in the run are recreated ...
    expect(reconcile(p, o, { recreateVolumes: true, services: ['other'] }).nodes.map((n) => n.op.kind)).not.toContain('volume.remove');
    // ... and one that a container outside the run still uses is refused before anything is done.
    const otherUses = observed(p, [db, { ...container(p, { service: 'other' }), mounts: [{ type: 'volume', name: 'demo_data', destination: '/x' }] }], { volumes: [vol] });
    expect(() => reconcile(p, otherUses, { recreateVolumes: true, services: ['db'], noDeps: true })).toThrow(/volume demo_data is to be recreated .*demo-other-1 outside this run uses it/);
    const oneoff = { ...container(p, { service: 'db' }), name: 'demo-db-run-1a2b', mounts: [{ type: 'volume', name: 'demo_data', destination: '/d' }] };
    expect(() => reconcile(p, { ...o, oneoffs: [oneoff] }, { recreateVolumes: true })).toThrow(/demo-db-run-1a2b outside this run uses it/);
  });

  it('recreates a changed network unless told not to (run leaves the service containers on it)', async () => {
    const p = await project(`services:\n  app: {image: busybox}\nnetworks:\n  default: {internal: true}\n`);
    const o = observed(p, [container(p, { service: 'app' })], { networks: [network('demo_default', { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'default', 'com.docker.compose.config-hash': 'old' })] });
    expect(formatPlan(planResources(p, o, ['app']))).toBe('recreate network demo_default (config changed)');
    expect(formatPlan(planResources(p, o, ['app'], { recreateChanged: false }))).toBe('nothing to do');
  });
});

describe('reconcile: what the executor carries over and disconnects is in the plan', () => {
  const anon = 'a'.repeat(64);
  it('carries the old container\'s anonymous volumes over, not with renewAnonVolumes', async () => {
    const before = await project(stack);
    const p = await project(stack.replace('A: "1"', 'A: "2"'));
    const db = { ...container(p, { service: 'db', from: before.services.db }), mounts: [
      { type: 'volume', name: anon, destination: '/anon' },
      { type: 'volume', name: 'demo_data', destination: '/data' },
      { type: 'volume', name: 'b'.repeat(64), destination: '/data' }, // shadowed by the named volume: not carried
      { type: 'bind', source: '/tmp', destination: '/host' },
    ] };
    const o = observed(p, [db, container(p, { service: 'web' }), container(p, { service: 'worker' })]);
    const plan = reconcile(p, o);
    expect(formatPlan(plan).split('\n')[0]).toBe('recreate container demo-db-1 (config changed: environment; anonymous volumes kept: /anon)');
    const op = plan.nodes.find((n) => n.op.kind === 'container.recreate')!.op as Extract<Operation, { kind: 'container.recreate' }>;
    expect(op.carry).toEqual([{ name: anon, target: '/anon' }]);
    const renewed = reconcile(p, o, { renewAnonVolumes: true });
    expect(formatPlan(renewed).split('\n')[0]).toBe('recreate container demo-db-1 (config changed: environment)');
    expect((renewed.nodes.find((n) => n.op.kind === 'container.recreate')!.op as typeof op).carry).toEqual([]);
  });

  it('a recreated network lists everything attached, and warns about what will not be reconnected', async () => {
    const p = await project(`services:\n  app: {image: busybox}\nnetworks:\n  default: {internal: true}\n`);
    const run = { ...container(p, { service: 'app', number: 1 }), id: 'id-run', name: 'demo-app-run-1234' };
    const net = { ...network('demo_default', { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'default', 'com.docker.compose.config-hash': 'old' }), containers: ['id-demo-app-1', 'id-run'] };
    const o = { ...observed(p, [container(p, { service: 'app' })], { networks: [net] }), oneoffs: [run] };
    const plan = reconcile(p, o);
    expect(formatPlan(plan)).toMatchInlineSnapshot(`
      "warning: network demo_default is recreated: demo-app-run-1234 will be disconnected from it and not reconnected
      recreate network demo_default (config changed)
      recreate container demo-app-1 (network changed: demo_default) after: recreate network demo_default
      start container demo-app-1 (recreated) after: recreate container demo-app-1"
    `);
    const op = plan.nodes.find((n) => n.op.kind === 'network.recreate')!.op as Extract<Operation, { kind: 'network.recreate' }>;
    expect(op.attached).toEqual(['demo-app-1', 'demo-app-run-1234']);
  });

  it('a network to recreate that containers of other projects use is an error naming them, not a forced disconnect', async () => {
    const p = await project(`services:\n  app: {image: busybox}\nnetworks:\n  default: {internal: true}\n`);
    const foreign = { [`${'f'.repeat(64)}`]: 'other-web-1', [`${'e'.repeat(64)}`]: 'loner' };
    const net = { ...network('demo_default', { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': 'default', 'com.docker.compose.config-hash': 'old' }), containers: ['id-demo-app-1', ...Object.keys(foreign)], containerNames: { 'id-demo-app-1': 'demo-app-1', ...foreign } };
    const o = observed(p, [container(p, { service: 'app' })], { networks: [net] });
    expect(() => reconcile(p, o)).toThrow(
      'network demo_default must be recreated (its config changed), but containers loner, other-web-1 of another project or not made by tcompose use it: disconnect them first (docker network disconnect demo_default <container>)',
    );
    // Unchanged, the network is left as it is, whoever uses it.
    const same = { ...net, labels: { ...net.labels, 'com.docker.compose.config-hash': networkBody(p, 'default', p.networks.default!).Labels![Label.configHash]! } };
    expect(formatPlan(reconcile(p, observed(p, [container(p, { service: 'app' })], { networks: [same] })))).not.toContain('network');
  });
});

describe('reconcile: a container missing a network', () => {
  it('is recreated whether it runs or not (a half-wired create is never started as it is)', async () => {
    const p = await project(`services:\n  app: {image: busybox, networks: [front, back]}\nnetworks:\n  front: {}\n  back: {}\n`);
    for (const state of ['running', 'created', 'exited']) {
      const o = observed(p, [container(p, { service: 'app', state, networks: ['demo_front'] })]);
      expect(formatPlan(reconcile(p, o)).split('\n')[0]).toBe('recreate container demo-app-1 (network missing: demo_back)');
    }
  });
});

describe('up reads the attachments of the networks it will recreate, and of no other', () => {
  it('networksToRecreate names only our networks whose config hash differs; observe inspects only those', async () => {
    const p = await project(`services:\n  app: {image: busybox, networks: [front, back]}\nnetworks:\n  front: {}\n  back: {internal: true}\n  ext: {external: true, name: shared}\n`);
    const hash = (key: string): string => networkBody(p, key, p.networks[key]!).Labels![Label.configHash]!;
    const ours = (key: string, h: string | undefined): NetworkSummary =>
      network(`demo_${key}`, { 'com.docker.compose.project': 'demo', 'com.docker.compose.network': key, ...(h ? { 'com.docker.compose.config-hash': h } : {}) });
    const listed = [ours('front', hash('front')), ours('back', 'old'), network('shared')];
    expect(networksToRecreate(p, observed(p, [], { networks: listed }))).toEqual(['demo_back']);
    expect(networksToRecreate(p, observed(p, [], { networks: [ours('front', hash('front')), ours('back', undefined)] }))).toEqual([]);

    const inspected: string[] = [];
    const engine = {
      listContainers: async () => [],
      listNetworks: async () => listed.slice(0, 2),
      listVolumes: async () => [],
      inspectImage: async () => undefined,
      inspectVolume: async () => undefined,
      inspectNetwork: async (name: string) => {
        inspected.push(name);
        return name === 'shared' ? network('shared') : { ...listed.find((n) => n.name === name)!, containers: ['id-x'] };
      },
    } as unknown as Engine;
    const state = await observe(engine, p, { attachments: ['demo_back', 'demo_gone'] });
    expect(inspected.sort()).toEqual(['demo_back', 'shared']); // shared: external, not listed; demo_gone: not there
    expect(state.networks.get('demo_back')!.containers).toEqual(['id-x']);
    expect(state.networks.get('demo_front')!.containers).toEqual([]);
  });
});
