// Image planning: when to pull, build or leave alone; one build per image; build options.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../src/engine/types.js';
import type { Project } from '../../../src/model/types.js';
import { formatPlan } from '../../../src/plan/format.js';
import { buildOperation, parsePullPolicy, planBuild, planImages, planPull, planPush } from '../../../src/plan/images.js';
import type { ObservedState } from '../../../src/state/observe.js';
import { load } from '../loader/helpers.js';

const project = async (yaml: string, env: Record<string, string> = {}): Promise<Project> =>
  (await load(yaml, { projectName: 'demo', environment: env })).project;

const img = (over: Partial<ImageSummary> = {}): ImageSummary => ({ id: 'sha256:aaa', repoTags: [], repoDigests: [], created: 0, size: 0, labels: {}, ...over });

function state(images: Record<string, ImageSummary | undefined>): ObservedState {
  return { containers: [], oneoffs: [], networks: new Map(), volumes: new Map(), images: new Map(Object.entries(images)) };
}

const kinds = (p: { nodes: readonly { id: string; op: { kind: string }; reason: string }[] }): string[] =>
  p.nodes.map((n) => `${n.op.kind} ${n.id.replace(/^(image|push):/, '')} (${n.reason})`).sort();

describe('planImages', () => {
  it('pulls missing images and leaves present ones alone', async () => {
    const p = await project('services:\n  a: {image: x/a}\n  b: {image: x/b}\n');
    expect(kinds(planImages(p, state({ 'x/a': img() }), ['a', 'b']))).toEqual(['image.pull x/b (missing)']);
  });

  it('honours pull_policy always, never and the --pull override', async () => {
    const p = await project('services:\n  a: {image: x/a, pull_policy: always}\n  b: {image: x/b, pull_policy: never}\n');
    expect(kinds(planImages(p, state({ 'x/a': img(), 'x/b': img() }), ['a', 'b']))).toEqual(['image.pull x/a (pull policy always)']);
    expect(() => planImages(p, state({ 'x/a': img() }), ['b'])).toThrow(/x\/b is not present locally and the pull policy is never/);
    expect(kinds(planImages(p, state({ 'x/a': img(), 'x/b': img() }), ['a', 'b'], { pull: 'never' }))).toEqual([]);
    expect(kinds(planImages(p, state({ 'x/a': img(), 'x/b': img() }), ['b'], { pull: 'always' }))).toEqual(['image.pull x/b (pull policy always)']);
  });

  it('re-pulls with daily/weekly/every_<d> once the last pull is older than that', async () => {
    const p = await project('services:\n  a: {image: x/a, pull_policy: daily}\n  b: {image: x/b, pull_policy: every_2h}\n');
    const now = Date.UTC(2025, 0, 2, 12);
    const t = (hoursAgo: number): number => Math.floor((now - hoursAgo * 3_600_000) / 1000);
    const fresh = state({ 'x/a': img({ lastTagTime: t(23) }), 'x/b': img({ created: t(1) }) });
    expect(kinds(planImages(p, fresh, ['a', 'b'], { now }))).toEqual([]);
    const old = state({ 'x/a': img({ created: t(100), lastTagTime: t(25) }), 'x/b': img({ created: t(3) }) });
    expect(kinds(planImages(p, old, ['a', 'b'], { now }))).toEqual(['image.pull x/a (pull policy daily)', 'image.pull x/b (pull policy every_2h)']);
  });

  it('rejects an unknown pull_policy, and parses durations', () => {
    expect(() => parsePullPolicy('a', 'sometimes')).toThrow(/invalid pull_policy "sometimes"/);
    expect(() => parsePullPolicy('a', 'every_')).toThrow(/invalid pull_policy/);
    expect(parsePullPolicy('a', 'every_1h30m')).toEqual({ kind: 'refresh', everyMs: 5_400_000 });
    expect(parsePullPolicy('a', 'if_not_present')).toEqual({ kind: 'missing' });
    expect(parsePullPolicy('a', 'weekly')).toEqual({ kind: 'refresh', everyMs: 604_800_000 });
  });

  it('builds a missing image, with --build always, never with --no-build', async () => {
    const p = await project('services:\n  app: {build: ./app}\n');
    expect(kinds(planImages(p, state({}), ['app']))).toEqual(['image.build demo-app (missing)']);
    expect(kinds(planImages(p, state({ 'demo-app': img() }), ['app']))).toEqual([]);
    expect(kinds(planImages(p, state({ 'demo-app': img() }), ['app'], { build: true }))).toEqual(['image.build demo-app (--build)']);
    expect(kinds(planImages(p, state({ 'demo-app': img() }), ['app'], { noBuild: true, build: false }))).toEqual([]);
    expect(() => planImages(p, state({}), ['app'], { noBuild: true })).toThrow(/demo-app is not present and --no-build forbids building it/);
  });

  it('pull_policy build always builds; image + build without a policy tries a pull first', async () => {
    const p = await project('services:\n  a: {image: reg/a:1, build: ., pull_policy: build}\n  b: {image: reg/b:1, build: .}\n');
    const plan = planImages(p, state({ 'reg/a:1': img() }), ['a', 'b']);
    expect(kinds(plan)).toEqual(['image.build reg/a:1 (pull policy build)', 'image.build reg/b:1 (missing)']);
    const b = plan.nodes.find((n) => n.id === 'image:reg/b:1')!.op;
    expect(b.kind === 'image.build' && b.pullFirst).toBe('reg/b:1');
    const a = plan.nodes.find((n) => n.id === 'image:reg/a:1')!.op;
    expect(a.kind === 'image.build' && a.pullFirst).toBeUndefined();
    // --pull never: a missing buildable image is built without trying the registry.
    const never = planImages(p, state({}), ['b'], { pull: 'never' }).nodes[0]!.op;
    expect(never).toMatchObject({ kind: 'image.build', service: 'b' });
    expect(never.kind === 'image.build' && never.pullFirst).toBeUndefined();
  });

  it('builds an image shared by several services once', async () => {
    const p = await project('services:\n  a: {image: shared/x, build: .}\n  b: {image: shared/x}\n  c: {image: shared/x, build: .}\n');
    const plan = planImages(p, state({}), ['a', 'b', 'c']);
    expect(plan.nodes).toHaveLength(1);
    expect(plan.nodes[0]!.op).toMatchObject({ kind: 'image.build', service: 'a' });
    expect(formatPlan(plan)).toContain('shared/x');
  });
});

describe('buildOperation', () => {
  it('carries args (map, list from the environment, CLI overrides), target, labels, tags, hosts, shm, cache, platform', async () => {
    const p = await project(
      [
        'services:',
        '  app:',
        '    image: reg/app:${TAG}',
        '    platform: linux/amd64',
        '    build:',
        '      context: ./ctx',
        '      dockerfile: docker/Dockerfile.dev',
        '      args: [A=1, FROM_ENV, ABSENT, "B=${TAG}"]',
        '      target: dev',
        '      labels: {x.y: z}',
        '      network: host',
        '      extra_hosts: ["h1=10.0.0.1", "h2:10.0.0.2"]',
        '      shm_size: 64m',
        '      cache_from: [reg/app:cache]',
        '      no_cache: true',
        '      pull: true',
        '      tags: [reg/app:extra]',
        '',
      ].join('\n'),
      { TAG: 'v2', FROM_ENV: 'env-value' },
    );
    const op = buildOperation(p, p.services.app!, { buildArgs: { A: 'cli' } });
    expect(op.options).toEqual({
      tags: ['reg/app:v2', 'reg/app:extra'],
      buildargs: { A: 'cli', FROM_ENV: 'env-value', B: 'v2' },
      target: 'dev',
      labels: { 'x.y': 'z', 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'app' },
      networkmode: 'host',
      extrahosts: ['h1:10.0.0.1', 'h2:10.0.0.2'],
      shmsize: 64 * 1024 * 1024,
      cachefrom: ['reg/app:cache'],
      nocache: true,
      pull: true,
      platform: 'linux/amd64',
    });
    expect(op.context).toMatch(/\/ctx$/);
    expect(op.dockerfilePath).toBe(`${op.context}/docker/Dockerfile.dev`);
  });

  it('keeps an absolute dockerfile and an inline one', async () => {
    const p = await project('services:\n  a: {build: {context: ., dockerfile: /elsewhere/Dockerfile}}\n  b: {build: {context: ., dockerfile_inline: "FROM scratch\\n"}}\n');
    expect(buildOperation(p, p.services.a!).dockerfilePath).toBe('/elsewhere/Dockerfile');
    expect(buildOperation(p, p.services.b!).dockerfileInline).toBe('FROM scratch\n');
  });

  it('says clearly what needs BuildKit', async () => {
    const p = await project(
      'services:\n  s: {build: {context: ., ssh: [default]}}\n  t: {build: {context: ., secrets: [x]}}\n  u: {build: {context: ., additional_contexts: {a: ./a}}}\n  v: {build: {context: ., platforms: [linux/amd64, linux/arm64]}}\nsecrets:\n  x: {file: ./x}\n',
    );
    expect(() => buildOperation(p, p.services.s!)).toThrow(/service s: build.ssh needs BuildKit/);
    expect(() => buildOperation(p, p.services.t!)).toThrow(/service t: build.secrets needs BuildKit/);
    expect(() => buildOperation(p, p.services.u!)).toThrow(/service u: build.additional_contexts needs BuildKit/);
    expect(() => buildOperation(p, p.services.v!)).toThrow(/several platforms needs BuildKit/);
    const more = await project(
      'services:\n  e: {build: {context: ., entitlements: [network.host]}}\n  f: {build: {context: ., no_cache_filter: [base]}}\n  g: {build: {context: ., privileged: true}}\n  h: {build: {context: ., provenance: mode=max}}\n  i: {build: {context: ., sbom: true}}\n  ok: {build: {context: ., provenance: false, sbom: false, privileged: false}}\n',
    );
    for (const [svc, key] of [['e', 'entitlements'], ['f', 'no_cache_filter'], ['g', 'privileged'], ['h', 'provenance'], ['i', 'sbom']]) {
      expect(() => buildOperation(more, more.services[svc!]!)).toThrow(new RegExp(`service ${svc}: build.${key} needs BuildKit`));
    }
    expect(() => buildOperation(more, more.services.ok!)).not.toThrow();
  });

  it('a present image is used whatever its build section asks for; the build is checked when it runs', async () => {
    const p = await project('services:\n  app: {image: x/app, build: {context: ., provenance: true}}\n');
    expect(kinds(planImages(p, state({ 'x/app': img() }), ['app']))).toEqual([]);
    expect(() => planImages(p, state({ 'x/app': img() }), ['app'], { build: true })).toThrow(/service app: build.provenance needs BuildKit/);
    expect(() => planImages(p, state({}), ['app'])).toThrow(/service app: build.provenance needs BuildKit/);
  });

  it('passes build.ulimits to the builder', async () => {
    const p = await project('services:\n  a: {build: {context: ., ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 512}}}\n');
    expect(buildOperation(p, p.services.a!).options.ulimits).toEqual([
      { Name: 'nofile', Soft: 1024, Hard: 2048 },
      { Name: 'nproc', Soft: 512, Hard: 512 },
    ]);
  });
});

describe('planBuild, planPull, planPush', () => {
  it('build: only services with a build section', async () => {
    const p = await project('services:\n  a: {build: .}\n  b: {image: x/b}\n');
    expect(kinds(planBuild(p, ['a', 'b']))).toEqual(['image.build demo-a (build)']);
  });

  it('pull: images of services, skipping build-only ones, never/build policies, and present ones with --policy missing', async () => {
    const p = await project('services:\n  a: {image: x/a}\n  b: {build: .}\n  c: {image: x/c, build: .}\n  d: {image: x/d, pull_policy: never}\n');
    const plan = planPull(p, state({ 'x/a': img() }), ['a', 'b', 'c', 'd']);
    expect(kinds(plan)).toEqual(['image.pull x/a (pull)', 'image.pull x/c (pull (buildable))']);
    expect(plan.warnings).toEqual(['service d: not pulling x/d (pull_policy never)']);
    expect(kinds(planPull(p, state({ 'x/a': img() }), ['a', 'c'], { policy: 'missing', ignoreBuildable: true }))).toEqual([]);
  });

  it('push: services with build and image, every tag', async () => {
    const p = await project('services:\n  a: {image: reg/a:1, build: {context: ., tags: [reg/a:latest]}}\n  b: {build: .}\n  c: {image: reg/c}\n');
    expect(kinds(planPush(p, ['a', 'b', 'c']))).toEqual(['image.push reg/a:1 (push)', 'image.push reg/a:latest (push)']);
  });
});
