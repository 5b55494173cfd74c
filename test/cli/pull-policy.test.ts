// up --pull takes only docker compose up's policies; create --pull also takes `build`.
import { describe, expect, it } from 'vitest';
import { BUSYBOX, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const dir = projectDir({ 'compose.yaml': `services:\n  a:\n    image: ${BUSYBOX}\n` });
const project = uniqueProject('pullpolicy');

describe('--pull policies', () => {
  it('up --pull build is a usage error', async () => {
    const r = await tcompose(['-p', project, 'up', '-d', '--dry-run', '--pull', 'build'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--pull <policy>.*'build' is invalid/);
    expect(r.stderr).toMatch(/always, missing, never\b/);
  });

  it('create --pull build is accepted; up --pull never too', async () => {
    for (const args of [['create', '--pull', 'build'], ['up', '-d', '--pull', 'never']]) {
      const r = await tcompose(['-p', project, '--dry-run', ...args], { cwd: dir });
      expect(r.stderr).not.toMatch(/is invalid/);
      expect(r.code, r.stderr).toBe(0);
    }
  });
});
