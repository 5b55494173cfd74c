// scripts/standin-images.sh never replaces or removes an image it did not build (one without
// its hash label, e.g. a developer's pulled official image). The script's functions are sourced
// and pointed at a throwaway name, so the real stand-ins are not touched.
import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { BUSYBOX, docker, REPO, run } from '../helpers/engine.js';

const name = `tc-standin-safety-${randomBytes(4).toString('hex')}:1`;
const theirsName = name.replace(':1', ':theirs');
const script = `${REPO}/scripts/standin-images.sh`;
const sourced = (body: string) => run('bash', ['-c', `set -euo pipefail; source "${script}"; CONTEXT[${name}]=redis; ${body}`]);
const idOf = (ref: string): string => docker('image', 'inspect', '-f', '{{.Id}}', ref);

afterAll(() => {
  for (const ref of [name, theirsName]) {
    try {
      docker('rmi', ref);
    } catch {
      // already gone
    }
  }
});

describe('standin-images.sh and images it did not build', () => {
  it('skips a name held by an unlabelled image and says so', async () => {
    docker('tag', BUSYBOX, name);
    const before = idOf(name);
    const r = await sourced(`build_one "${name}"`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${name} skipped: an image not built by this script`);
    expect(idOf(name)).toBe(before);
  });

  it('drop_replaced keeps an unlabelled image it replaced', async () => {
    // An image of its own (one tag), as a pulled official image would be.
    const b = await run('docker', ['build', '-q', '-t', theirsName, '-'], { input: `FROM ${BUSYBOX}\nLABEL tc.safety=${name}\n` });
    expect(b.code, b.stderr).toBe(0);
    const theirs = idOf(theirsName);
    docker('tag', 'tcompose-standin/base:bookworm', name);
    const r = await sourced(`drop_replaced "${theirs}" "${name}"`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('not built by this script');
    expect(idOf(theirsName)).toBe(theirs);
  });
});
