// The programmatic API on the real engine: compose() → up/ps/port/exec/logs/down, typed
// errors, progress events, and `await using` teardown.
import { afterAll, describe, expect, it } from 'vitest';
import { compose, ConfigError, TcomposeError, type ProgressEvent } from '../../src/index.js';
import { httpGet } from '../helpers/http.js';
import { BUSYBOX, cleanupProject, projectDir, projectResources, uniqueProject } from '../helpers/engine.js';

const project = uniqueProject('api');
const dir = projectDir({
  'compose.yaml': `
services:
  web:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "echo hello-from-web; echo oops >&2; echo page > /tmp/index.html; exec httpd -f -p 80 -h /tmp"]
    ports: ["127.0.0.1::80"]
    environment:
      GREETING: \${GREETING:-unset}
  job:
    image: ${BUSYBOX}
    command: ["sh", "-c", "exit 0"]
    restart: "no"
`,
});

describe('programmatic API', () => {
  afterAll(() => cleanupProject(project));

  it('drives a project end to end and tears it down with await using', async () => {
    const events: ProgressEvent[] = [];
    {
      await using env = await compose({ projectDirectory: dir, projectName: project, env: { GREETING: 'hi' }, onProgress: (e) => events.push(e) });
      expect(env.name).toBe(project);
      await env.up({ wait: true });
      expect(events.some((e) => e.type === 'node.done' && e.node.resource === `container ${project}-web-1`)).toBe(true);

      const ps = await env.ps({ all: true });
      expect(ps.map((c) => [c.service, c.state])).toEqual([['job', 'exited'], ['web', 'running']]);

      const { host, port } = await env.port('web', 80);
      expect(host).toBe('127.0.0.1');
      expect(await (await httpGet(`http://${host}:${port}/`)).text()).toBe('page\n');

      const ok = await env.exec('web', ['sh', '-c', 'echo "$GREETING"; echo err >&2']);
      expect(ok).toEqual({ exitCode: 0, stdout: 'hi\n', stderr: 'err\n' });
      expect((await env.exec('web', ['sh', '-c', 'exit 7'])).exitCode).toBe(7);
      expect((await env.exec('web', ['cat'], { stdin: 'piped\n' })).stdout).toBe('piped\n');

      const lines = [];
      for await (const line of env.logs({ services: ['web'] })) lines.push(line);
      // stdout and stderr are separate pipes: the engine may stamp them in either order.
      expect(lines.map((l) => [l.service, l.stream, l.text]).sort()).toEqual([
        ['web', 'stderr', 'oops'],
        ['web', 'stdout', 'hello-from-web'],
      ]);

      await expect(env.port('nope', 80)).rejects.toBeInstanceOf(TcomposeError);
    }
    expect(projectResources(project)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('reports bad files as ConfigError with locations', async () => {
    const bad = projectDir({ 'compose.yaml': 'services:\n  web:\n    imag: x\n' });
    const err = await compose({ projectDirectory: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).diagnostics[0]!.location).toMatchObject({ line: 3 });
  });
});
