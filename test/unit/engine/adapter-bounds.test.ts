// The adapter's answers when the engine misbehaves: an exec whose output ended but that never
// stops "running" (bounded wait), and a build with neither a tag nor an aux image ID.
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DockerEngine } from '../../../src/engine/docker/adapter.js';
import { EngineError, ResourceInUseError } from '../../../src/errors.js';

/** A DockerEngine whose dockerode client is `fake` (no socket is ever opened). */
const engineWith = (fake: unknown): DockerEngine => {
  const engine = new DockerEngine({ socketPath: '/nonexistent.sock', description: 'unix:///nonexistent.sock' });
  Object.defineProperty(engine, 'docker', { value: fake });
  return engine;
};

afterEach(() => void vi.useRealTimers());

describe('exec exit code', () => {
  const execEngine = (inspect: () => Promise<{ Running: boolean; ExitCode?: number }>): DockerEngine =>
    engineWith({
      getContainer: () => ({
        exec: async () => ({
          id: 'e1',
          start: async () => {
            const s = new PassThrough();
            s.end();
            s.resume();
            return s;
          },
          inspect,
        }),
      }),
    });

  it('is read once the engine says the command stopped', async () => {
    let calls = 0;
    const engine = execEngine(async () => ({ Running: ++calls < 3, ExitCode: 7 }));
    const session = await engine.exec('c1', { cmd: ['true'] });
    expect(await session.exitCode()).toBe(7);
    expect(calls).toBe(3);
  });

  it('gives up with a clear error when the engine keeps saying "running" after the output ended', async () => {
    vi.useFakeTimers();
    const engine = execEngine(async () => ({ Running: true }));
    const session = await engine.exec('c1', { cmd: ['true'] });
    const code = session.exitCode();
    const settled = code.then(
      () => undefined,
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(6000);
    const err = await settled;
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(/^exec in c1: .*exit code unknown/);
  });
});

describe('build result', () => {
  const buildEngine = (output: object[], inspect = vi.fn(async () => ({ Id: 'sha256:tagged' }))) =>
    engineWith({
      buildImage: async () => Readable.from([]),
      modem: { followProgress: (_s: unknown, done: (e: Error | null, o: object[]) => void) => done(null, output) },
      getImage: () => ({ inspect }),
    });

  it('takes the aux ID when the engine sends one', async () => {
    const engine = buildEngine([{ stream: 'Step 1/1' }, { aux: { ID: 'sha256:aux' } }]);
    expect(await engine.buildImage(Readable.from([]), { tags: [] } as never, () => {})).toBe('sha256:aux');
  });

  it('looks the tag up without an aux ID', async () => {
    const inspect = vi.fn(async () => ({ Id: 'sha256:tagged' }));
    const engine = buildEngine([{ stream: 'Successfully built' }], inspect);
    expect(await engine.buildImage(Readable.from([]), { tags: ['demo/web:latest'] } as never, () => {})).toBe('sha256:tagged');
    expect(inspect).toHaveBeenCalledOnce();
  });

  it('is a clear error, not an engine 404 for "<untagged>", with neither', async () => {
    const inspect = vi.fn(async () => ({ Id: 'never' }));
    const engine = buildEngine([{ stream: 'Successfully built' }], inspect);
    const run = engine.buildImage(Readable.from([]), { tags: [] } as never, () => {});
    await expect(run).rejects.toThrow('building image <untagged>: the engine reported no image ID and the build has no tag to look it up by');
    expect(inspect).not.toHaveBeenCalled();
  });
});

describe('network removal', () => {
  const busy = Object.assign(new Error('(HTTP code 403) unexpected - error while removing network: network n id x has active endpoints'), {
    statusCode: 403,
    json: { message: 'error while removing network: network n id x has active endpoints' },
  });
  const networkEngine = (remove: () => Promise<void>, containers: Record<string, unknown> = {}): DockerEngine =>
    engineWith({ getNetwork: () => ({ remove, inspect: async () => ({ Id: 'n', Name: 'n', Containers: containers }) }) });

  it('says at once that a network still holding containers is in use', async () => {
    let calls = 0;
    const engine = networkEngine(async () => {
      calls++;
      throw busy;
    }, { c1: { Name: 'outsider' } });
    const err = await engine.removeNetwork('n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceInUseError);
    expect((err as Error).message).toBe('removing network n: still in use by 1 container');
    expect(calls).toBe(1);
  });

  it('asks again while the engine is still freeing endpoints', async () => {
    let calls = 0;
    const engine = networkEngine(async () => {
      if (++calls < 4) throw busy;
    });
    await engine.removeNetwork('n');
    expect(calls).toBe(4);
  });

  it('gives up after ~3 s and says the endpoint leaked', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const engine = networkEngine(async () => {
      calls++;
      throw busy;
    });
    const outcome = engine.removeNetwork('n').catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const err = await outcome;
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(/^removing network n: .*has active endpoints \(still after 30 tries; .*restarting dockerd/);
    expect(calls).toBe(30);
  });

  it('fails at once on any other answer, and a missing network is already gone', async () => {
    let calls = 0;
    const denied = networkEngine(async () => {
      calls++;
      throw Object.assign(new Error('denied'), { statusCode: 500, json: { message: 'denied' } });
    });
    await expect(denied.removeNetwork('n')).rejects.toThrow(/^removing network n: denied$/);
    expect(calls).toBe(1);
    await networkEngine(async () => {
      throw Object.assign(new Error('gone'), { statusCode: 404 });
    }).removeNetwork('n');
  });
});
