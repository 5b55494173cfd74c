// run's one-off service: the command line's overrides on top of the file, as docker compose's
// prepareRun / applyRunOptions do them.
import { describe, expect, it } from 'vitest';
import { oneOffService } from '../../../src/app/run.js';
import { containerSpec } from '../../../src/plan/container-spec.js';
import { project } from '../plan/helpers.js';

const yaml = `services:
  web:
    image: x
    command: ["serve", "--port", "80"]
    entrypoint: ["/init"]
    restart: always
    cap_add: [NET_ADMIN, SYS_TIME]
    cap_drop: [CHOWN, MKNOD]
    deploy:
      replicas: 1
      restart_policy:
        condition: any
`;

describe('oneOffService', () => {
  it('never restarts a one-off, with or without --rm (restart and deploy.restart_policy)', async () => {
    const p = await project(yaml);
    for (const rm of [false, true]) {
      const s = oneOffService(p, p.services.web!, { service: 'web', rm });
      expect(s.restart).toBeUndefined();
      expect((s.deploy as Record<string, unknown>).restart_policy).toBeUndefined();
      expect((s.deploy as Record<string, unknown>).replicas).toBe(1);
      const spec = containerSpec({ project: p, service: s, number: 1, name: 'n', configHash: 'h', oneoff: true, slug: 'x', containersOf: () => [] });
      expect(spec.body.HostConfig?.RestartPolicy).toBeUndefined();
    }
  });

  it('--entrypoint without a command drops the file command; with one, uses it', async () => {
    const p = await project(yaml);
    expect(oneOffService(p, p.services.web!, { service: 'web', entrypoint: ['sh', '-c'] }).command).toEqual([]);
    expect(oneOffService(p, p.services.web!, { service: 'web', entrypoint: ['sh', '-c'], command: ['id'] }).command).toEqual(['id']);
    expect(oneOffService(p, p.services.web!, { service: 'web' }).command).toEqual(['serve', '--port', '80']);
  });

  it('--cap-add removes the capability from cap_drop and --cap-drop from cap_add', async () => {
    const p = await project(yaml);
    const s = oneOffService(p, p.services.web!, { service: 'web', capAdd: ['CHOWN', 'SYS_ADMIN'], capDrop: ['NET_ADMIN'] });
    expect(s.cap_add).toEqual(['SYS_TIME', 'CHOWN', 'SYS_ADMIN']);
    expect(s.cap_drop).toEqual(['MKNOD', 'NET_ADMIN']);
  });
});
