// depends_on conditions and up --wait on the real engine.
import { afterAll, describe, expect, it } from 'vitest';
import { BUSYBOX, cleanupProject, inspect, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const projects: string[] = [];
afterAll(() => projects.forEach(cleanupProject));
const fresh = (topic: string): string => {
  const p = uniqueProject(topic);
  projects.push(p);
  return p;
};

describe('health and completion gates', () => {
  it('a healthcheck that turns healthy after a few seconds gates its dependent', async () => {
    const project = fresh('healthy');
    const dir = projectDir({
      'compose.yaml': `
services:
  db:
    image: ${BUSYBOX}
    init: true
    command: ["sh", "-c", "sleep 3; touch /tmp/ready; sleep 3600"]
    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30}
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on:
      db: {condition: service_healthy}
`,
    });
    const r = await tcompose(['-p', project, 'up', '-d'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const db = inspect(`${project}-db-1`);
    const app = inspect(`${project}-app-1`);
    expect(db.State.Health.Status).toBe('healthy');
    const firstHealthy = (db.State.Health.Log as { ExitCode: number; End: string }[]).find((l) => l.ExitCode === 0)!;
    expect(Date.parse(app.State.StartedAt)).toBeGreaterThanOrEqual(Date.parse(firstHealthy.End) - 50);
    expect(Date.parse(app.State.StartedAt) - Date.parse(db.State.StartedAt)).toBeGreaterThan(2500);
  });

  it('a never-healthy service fails up --wait with its health output', async () => {
    const project = fresh('unhealthy');
    const dir = projectDir({
      'compose.yaml': `
services:
  sick:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    healthcheck: {test: ["CMD-SHELL", "echo still-broken-42; exit 1"], interval: 1s, retries: 2}
`,
    });
    const r = await tcompose(['-p', project, 'up', '-d', '--wait', '--wait-timeout', '30'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/service sick did not become ready: .*sick-1 is running, health unhealthy; last health check output: still-broken-42/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a one-shot service_completed_successfully dependency works and up -d --wait returns 0', async () => {
    const project = fresh('oneshot');
    const dir = projectDir({
      'compose.yaml': `
services:
  migrate:
    image: ${BUSYBOX}
    command: ["sh", "-c", "sleep 1; echo migrated"]
  app:
    image: ${BUSYBOX}
    init: true
    command: ["sleep", "3600"]
    depends_on:
      migrate: {condition: service_completed_successfully}
`,
    });
    const r = await tcompose(['-p', project, 'up', '-d', '--wait'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const migrate = inspect(`${project}-migrate-1`);
    expect(migrate.State.Status).toBe('exited');
    expect(migrate.State.ExitCode).toBe(0);
    const app = inspect(`${project}-app-1`);
    expect(app.State.Running).toBe(true);
    expect(Date.parse(app.State.StartedAt)).toBeGreaterThanOrEqual(Date.parse(migrate.State.FinishedAt) - 50);
    // A second up leaves the finished one-shot alone and still succeeds.
    const again = await tcompose(['-p', project, 'up', '-d', '--wait'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
  });
});
