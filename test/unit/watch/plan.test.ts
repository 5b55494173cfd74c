// develop.watch planning: rules from the compose file, path → rule matching with ignore,
// include, editor files and .dockerignore, and what a batch of changes asks of each service.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { load } from '../loader/helpers.js';
import { describeAction, planWatchBatch, serviceRules, triggers, watchedServices, type WatchRule } from '../../../src/plan/watch.js';

const yaml = `services:
  web:
    build: .
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app/src
          ignore: [node_modules/, "*.tmp"]
        - action: rebuild
          path: ./package.json
        - action: sync+restart
          path: ./config
          target: /etc/app
          include: ["*.conf"]
        - action: sync+exec
          path: ./hooks
          target: /hooks
          exec:
            command: ["sh", "-c", "echo reload"]
  api:
    build: ./api
    develop:
      watch:
        - action: rebuild
          path: ./api
        - action: restart
          path: ./shared
  db:
    image: busybox
`;

async function setup(): Promise<{ dir: string; rules: WatchRule[] }> {
  const { project, dir } = await load(yaml);
  const rules = [...serviceRules(project, 'web'), ...serviceRules(project, 'api', ['*.md', 'build/'])];
  return { dir, rules };
}

const byService = (rules: WatchRule[], s: string) => rules.filter((r) => r.service === s);

describe('watch rules', () => {
  it('resolves paths against the project directory', async () => {
    const { dir, rules } = await setup();
    expect(rules.map((r) => [r.service, r.action, r.path])).toEqual([
      ['web', 'sync', join(dir, 'src')],
      ['web', 'rebuild', join(dir, 'package.json')],
      ['web', 'sync+restart', join(dir, 'config')],
      ['web', 'sync+exec', join(dir, 'hooks')],
      ['api', 'rebuild', join(dir, 'api')],
      ['api', 'restart', join(dir, 'shared')],
    ]);
  });

  it('watches the services that have develop.watch, and refuses others by name', async () => {
    const { project } = await load(yaml);
    expect(watchedServices(project, undefined)).toEqual(['api', 'web']);
    expect(watchedServices(project, ['web'])).toEqual(['web']);
    expect(() => watchedServices(project, ['db'])).toThrow(/service "db" has no develop.watch/);
    const { project: none } = await load('services:\n  db:\n    image: busybox\n');
    expect(() => watchedServices(none, undefined)).toThrow(/none of the selected services is configured for watch/);
  });

  it('rejects a sync without target and a rebuild without build', async () => {
    const { project } = await load(`services:
  a:
    image: busybox
    develop:
      watch: [{ action: sync, path: ./src }]
  b:
    image: busybox
    develop:
      watch: [{ action: rebuild, path: ./src }]
`);
    expect(() => serviceRules(project, 'a')).toThrow(/needs a target/);
    expect(() => serviceRules(project, 'b')).toThrow(/needs a build section/);
  });
});

describe('which changes trigger a rule', () => {
  it('maps paths under the rule path, honouring ignore', async () => {
    const { dir, rules } = await setup();
    const [sync] = byService(rules, 'web');
    expect(triggers(sync!, join(dir, 'src/index.js'))).toBe(true);
    expect(triggers(sync!, join(dir, 'src/deep/er/a.js'))).toBe(true);
    expect(triggers(sync!, join(dir, 'src'))).toBe(true);
    expect(triggers(sync!, join(dir, 'srcx/a.js'))).toBe(false);
    expect(triggers(sync!, join(dir, 'other/a.js'))).toBe(false);
    expect(triggers(sync!, join(dir, 'src/node_modules/x/index.js'))).toBe(false);
    expect(triggers(sync!, join(dir, 'src/a.tmp'))).toBe(false);
    expect(triggers(sync!, join(dir, 'src/sub/a.tmp'))).toBe(true); // docker syntax: *.tmp is top-level only
  });

  it('skips editor scratch files and .git', async () => {
    const { dir, rules } = await setup();
    const [sync] = byService(rules, 'web');
    for (const p of ['src/.index.js.swp', 'src/index.js~', 'src/4913', 'src/.#index.js', 'src/sub/.a.swx', 'src/.git/HEAD', 'src/a/.git/objects/x']) {
      expect(triggers(sync!, join(dir, p)), p).toBe(false);
    }
  });

  it('include keeps only matching files', async () => {
    const { dir, rules } = await setup();
    const conf = byService(rules, 'web')[2]!;
    expect(triggers(conf, join(dir, 'config/app.conf'))).toBe(true);
    expect(triggers(conf, join(dir, 'config/app.yaml'))).toBe(false);
  });

  it('a rule on a single file triggers for that file only', async () => {
    const { dir, rules } = await setup();
    const pkg = byService(rules, 'web')[1]!;
    expect(triggers(pkg, join(dir, 'package.json'))).toBe(true);
    expect(triggers(pkg, join(dir, 'package.json.bak'))).toBe(false);
  });

  it("honours the build context's .dockerignore for rebuild rules", async () => {
    const { dir, rules } = await setup();
    const rebuild = byService(rules, 'api')[0]!;
    expect(triggers(rebuild, join(dir, 'api/main.go'))).toBe(true);
    expect(triggers(rebuild, join(dir, 'api/README.md'))).toBe(false);
    expect(triggers(rebuild, join(dir, 'api/build/out.bin'))).toBe(false);
  });
});

describe('a batch of changes', () => {
  it('syncs changed files to their container paths and deletes removed ones', async () => {
    const { dir, rules } = await setup();
    const plan = planWatchBatch(rules, [
      { path: join(dir, 'src/a.js'), exists: true },
      { path: join(dir, 'src/gone.js'), exists: false },
      { path: join(dir, 'src/a.js'), exists: true },
      { path: join(dir, 'src/x.tmp'), exists: true },
    ]);
    expect(plan).toEqual([
      {
        service: 'web', changes: 2, rebuild: false, restart: false, exec: [],
        sync: [
          { local: join(dir, 'src/a.js'), container: '/app/src/a.js', deleted: false },
          { local: join(dir, 'src/gone.js'), container: '/app/src/gone.js', deleted: true },
        ],
      },
    ]);
    expect(describeAction('Syncing', 'web', plan[0]!.changes)).toBe('Syncing service web after 2 changes were detected');
    expect(describeAction('Restarting', 'web', 1)).toBe('Restarting service web after 1 change was detected');
  });

  it('sync+restart syncs then restarts; sync+exec carries its command', async () => {
    const { dir, rules } = await setup();
    const plan = planWatchBatch(rules, [{ path: join(dir, 'config/app.conf'), exists: true }, { path: join(dir, 'hooks/h.sh'), exists: true }]);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.restart).toBe(true);
    expect(plan[0]!.sync.map((s) => s.container)).toEqual(['/etc/app/app.conf', '/hooks/h.sh']);
    expect(plan[0]!.exec).toEqual([{ command: ['sh', '-c', 'echo reload'] }]);
  });

  it('a rebuild supersedes syncs of the same batch; services are planned separately', async () => {
    const { dir, rules } = await setup();
    const plan = planWatchBatch(rules, [
      { path: join(dir, 'src/a.js'), exists: true },
      { path: join(dir, 'package.json'), exists: true },
      { path: join(dir, 'shared/lib.txt'), exists: true },
    ]);
    expect(plan.map((p) => [p.service, p.rebuild, p.restart, p.sync.length, p.changes])).toEqual([
      ['web', true, false, 0, 2],
      ['api', false, true, 0, 1],
    ]);
  });

  it('ignored changes ask nothing', async () => {
    const { dir, rules } = await setup();
    expect(planWatchBatch(rules, [{ path: join(dir, 'src/node_modules/a'), exists: true }, { path: join(dir, 'README'), exists: true }])).toEqual([]);
  });
});
