// Lifecycle hooks as plan data: the loader's canonical form, the operations that carry them and
// the --dry-run text; the executor runs them with exec around start/stop and fails like compose.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Engine, ExecOptions } from '../../../src/engine/types.js';
import { EngineError, InterruptedError } from '../../../src/errors.js';
import { silentSink, type ProgressEvent } from '../../../src/events/types.js';
import { executePlan } from '../../../src/exec/execute.js';
import { planDown } from '../../../src/plan/down.js';
import { formatPlan } from '../../../src/plan/format.js';
import { planRestart, planStop } from '../../../src/plan/lifecycle.js';
import type { Operation, Plan } from '../../../src/plan/types.js';
import { reconcile } from '../../../src/plan/up.js';
import { unsupportedSettings } from '../../../src/plan/capabilities.js';
import { container, observed, project } from './helpers.js';

const YAML = `services:
  web:
    image: busybox
    post_start:
      - command: touch /tmp/started
      - command: ["sh", "-c", "echo $$GREETING > /tmp/g"]
        user: root
        privileged: true
        working_dir: /tmp
        environment: {GREETING: hi, UNSET_ONE: null}
    pre_stop:
      - command: sh -c 'echo bye > /data/bye'
  db:
    image: busybox
`;

describe('lifecycle hooks in the model and the plan', () => {
  it('the loader gives commands as lists and environment as a map; nothing is refused any more', async () => {
    const p = await project(YAML);
    expect(p.services.web!.post_start).toEqual([
      { command: ['touch', '/tmp/started'] },
      { command: ['sh', '-c', 'echo $GREETING > /tmp/g'], user: 'root', privileged: true, working_dir: '/tmp', environment: { GREETING: 'hi', UNSET_ONE: null } },
    ]);
    expect(p.services.web!.pre_stop).toEqual([{ command: ['sh', '-c', 'echo bye > /data/bye'] }]);
    expect(unsupportedSettings(p, ['web', 'db'], '1.41')).toEqual([]);
  });

  it('up: post_start rides on the start, shown by --dry-run', async () => {
    const p = await project(YAML);
    const plan = reconcile(p, observed(p, []));
    const start = plan.nodes.find((n) => n.id === 'start:demo-web-1')!.op;
    expect(start).toMatchObject({ kind: 'container.start', postStart: [{ command: ['touch', '/tmp/started'] }, { command: ['sh', '-c', 'echo $GREETING > /tmp/g'], user: 'root', privileged: true, workingDir: '/tmp', env: ['GREETING=hi'] }] });
    expect(formatPlan(plan)).toMatchInlineSnapshot(`
      "create container demo-db-1 (missing)
      create container demo-web-1 (missing)
      start container demo-db-1 (created) after: create container demo-db-1
      start container demo-web-1 (created) [post_start: touch /tmp/started; sh -c "echo $GREETING > /tmp/g"] after: create container demo-web-1"
    `);
  });

  it("a recreate runs the old container's pre_stop first (only when it runs); scale-down and restart too", async () => {
    const p = await project(YAML);
    const old = { ...p.services.web!, environment: { X: '1' } };
    const plan = reconcile(p, observed(p, [container(p, { service: 'web', from: old }), container(p, { service: 'web', number: 2 }), container(p, { service: 'db' })]));
    const text = formatPlan(plan);
    expect(text).toContain("recreate container demo-web-1 (config changed: environment) [pre_stop: sh -c \"echo bye > /data/bye\"]");
    expect(text).toContain('stop container demo-web-2 (scaled down) [pre_stop: sh -c "echo bye > /data/bye"]');
    const stopped = reconcile(p, observed(p, [container(p, { service: 'web', from: old, state: 'exited' })]));
    expect(stopped.nodes.find((n) => n.op.kind === 'container.recreate')!.op).not.toHaveProperty('preStop');
    expect(formatPlan(planRestart(p, observed(p, [container(p, { service: 'web' })])))).toBe(
      'restart container demo-web-1 (restart) [pre_stop: sh -c "echo bye > /data/bye"; post_start: touch /tmp/started; sh -c "echo $GREETING > /tmp/g"]',
    );
  });

  it('down and stop: pre_stop on the stops of running containers of services that have it', async () => {
    const p = await project(YAML);
    const o = observed(p, [container(p, { service: 'web' }), container(p, { service: 'db' }), container(p, { service: 'web', number: 2, state: 'paused' })]);
    const down = formatPlan(planDown(p, o)).split('\n').filter((l) => l.startsWith('stop'));
    expect(down).toEqual([
      'stop container demo-db-1 (down)',
      'stop container demo-web-1 (down) [pre_stop: sh -c "echo bye > /data/bye"]',
      'stop container demo-web-2 (down)',
    ]);
    expect(formatPlan(planStop(p, o))).toContain('stop container demo-web-1 (stop) [pre_stop: sh -c "echo bye > /data/bye"]');
  });
});

/** An engine whose exec answers from `execs` (exit code and multiplexed output) and records calls. */
function fakeEngine(execs: (o: ExecOptions) => { code: number; out?: string; hang?: boolean } | Error) {
  const calls: unknown[][] = [];
  const frame = (text: string): Buffer => {
    const payload = Buffer.from(text);
    const h = Buffer.alloc(8);
    h[0] = 2; // stderr
    h.writeUInt32BE(payload.length, 4);
    return Buffer.concat([h, payload]);
  };
  const engine = new Proxy({} as Engine, {
    get: (_t, key: string) => key === 'then' ? undefined : async (...args: unknown[]) => {
      calls.push([key, ...args]);
      if (key !== 'exec') return undefined;
      const r = execs(args[1] as ExecOptions);
      if (r instanceof Error) throw r;
      const stream = new PassThrough();
      if (r.hang) stream.write(r.out ? frame(r.out) : Buffer.alloc(0));
      else stream.end(r.out ? frame(r.out) : undefined);
      // A hung hook never ends by itself (the engine has no call to end an exec).
      return { id: 'x', stream, tty: false, resize: async () => {}, exitCode: async () => { if (r.hang) await new Promise(() => {}); await new Promise((res) => stream.once('end', res)); return r.code; } };
    },
  });
  return { engine, calls };
}

const planOf = (op: Operation): Plan => ({ nodes: [{ id: 'n', op, resource: 'container demo-web-1', reason: 'test' }], edges: [], warnings: [] });
const web = { name: 'demo-web-1', service: 'web', id: 'id-web' };

describe('executing hooks', () => {
  it('post_start runs each hook with exec after the start, in order', async () => {
    const { engine, calls } = fakeEngine(() => ({ code: 0 }));
    await executePlan(planOf({ kind: 'container.start', container: web, postStart: [{ command: ['a'] }, { command: ['b'], user: 'root', env: ['K=v'], workingDir: '/w', privileged: true }] }), engine, silentSink);
    expect(calls).toEqual([
      ['startContainer', 'demo-web-1'],
      ['exec', 'id-web', { cmd: ['a'], user: undefined, workingDir: undefined, privileged: undefined, env: undefined }],
      ['exec', 'id-web', { cmd: ['b'], user: 'root', workingDir: '/w', privileged: true, env: ['K=v'] }],
    ]);
  });

  it('a failing post_start fails the start naming the service, the command, the status and the output', async () => {
    const { engine, calls } = fakeEngine((o) => (o.cmd[0] === 'bad' ? { code: 3, out: 'it broke\n' } : { code: 0 }));
    const run = executePlan(planOf({ kind: 'container.start', container: web, postStart: [{ command: ['bad', 'arg x'] }, { command: ['never'] }] }), engine, silentSink);
    await expect(run).rejects.toThrow('service web: post_start hook `bad "arg x"` in container demo-web-1 exited with status 3:\nit broke');
    expect(calls.filter((c) => c[0] === 'exec')).toHaveLength(1);
  });

  it('a failing pre_stop fails the stop as docker compose does; a container no longer running is stopped anyway', async () => {
    const failing = fakeEngine(() => ({ code: 1 }));
    await expect(executePlan(planOf({ kind: 'container.stop', container: web, preStop: [{ command: ['x'] }] }), failing.engine, silentSink)).rejects.toThrow('service web: pre_stop hook `x` in container demo-web-1 exited with status 1 (no output)');
    expect(failing.calls.map((c) => c[0])).toEqual(['exec']);
    const gone = fakeEngine(() => new EngineError('exec in', 'id-web', 'container is not running', 409));
    await executePlan(planOf({ kind: 'container.stop', container: web, timeout: 3, preStop: [{ command: ['x'] }] }), gone.engine, silentSink);
    expect(gone.calls.map((c) => c[0])).toEqual(['exec', 'stopContainer']);
  });

  it('a recreate whose pre_stop fails keeps the old container and removes the new one', async () => {
    const { engine, calls } = fakeEngine(() => ({ code: 2 }));
    const op: Operation = { kind: 'container.recreate', container: { ...web, id: 'old-id-0123456789' }, body: { Image: 'busybox' }, extraNetworks: [], carry: [], preStop: [{ command: ['x'] }] };
    await expect(executePlan(planOf(op), engine, silentSink)).rejects.toThrow('pre_stop hook `x`');
    expect(calls.map((c) => c[0])).toEqual(['createContainer', 'exec', 'removeContainer']);
  });

  it("a successful hook's output is shown as docker compose shows it; the service's tty goes to the exec", async () => {
    const { engine, calls } = fakeEngine(() => ({ code: 0, out: 'one\ntwo\n' }));
    const events: ProgressEvent[] = [];
    await executePlan(planOf({ kind: 'container.start', container: web, postStart: [{ command: ['a'], tty: true }] }), engine, (e) => events.push(e));
    expect(events.filter((e) => e.type === 'info').map((e) => (e as { message: string }).message)).toEqual(['web-1 -> | one', 'web-1 -> | two']);
    expect((calls.find((c) => c[0] === 'exec')![2] as ExecOptions).tty).toBe(true);
  });

  it('Ctrl-C during a hook that does not end: the start is left undone (interrupted), not failed', async () => {
    const { engine } = fakeEngine(() => ({ code: 0, hang: true }));
    const abort = new AbortController();
    const events: ProgressEvent[] = [];
    const run = executePlan(planOf({ kind: 'container.start', container: web, postStart: [{ command: ['sleep', '1000'] }] }), engine, (e) => events.push(e), { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 20));
    abort.abort(new InterruptedError('interrupted'));
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(events.map((e) => e.type)).toContain('node.skip');
    expect(events.map((e) => e.type)).not.toContain('node.fail');
  });

  it('a pre_stop hook gets no longer than the stop timeout, then the container is stopped', async () => {
    const { engine, calls } = fakeEngine(() => ({ code: 0, hang: true }));
    const events: ProgressEvent[] = [];
    const t0 = Date.now();
    await executePlan(planOf({ kind: 'container.stop', container: web, timeout: 0.2, preStop: [{ command: ['sleep', '1000'] }] }), engine, (e) => events.push(e));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(calls.map((c) => c[0])).toEqual(['exec', 'stopContainer']);
    expect(events.find((e) => e.type === 'warning')).toMatchObject({ message: expect.stringContaining('did not end within the stop timeout') });
  });
});
