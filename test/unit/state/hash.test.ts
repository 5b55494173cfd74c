// changedFields: which keys differ between two per-key digest labels (what "config changed: …" names).
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/model/types.js';
import { changedFields, configHash, fieldDigests } from '../../../src/state/hash.js';

const svc = (s: Partial<Service> & Record<string, unknown>): Service => ({ name: 'web', ...s }) as unknown as Service;

describe('changedFields', () => {
  it('names nothing when the old container has no digest label', () => {
    expect(changedFields(undefined, 'image:aaaa')).toEqual([]);
    expect(changedFields('', 'image:aaaa')).toEqual([]);
  });

  it('names changed, added and removed keys, sorted', () => {
    expect(changedFields('image:aaaa;environment:bbbb;ports:cccc', 'image:aaaa;environment:dddd;labels:eeee')).toEqual(['environment', 'labels', 'ports']);
    expect(changedFields('image:aaaa', 'image:aaaa')).toEqual([]);
  });

  it('follows real service changes through fieldDigests', () => {
    const before = svc({ image: 'busybox', environment: { A: '1' }, command: ['sleep', '1'] });
    const after = svc({ image: 'busybox', environment: { A: '2' }, labels: { x: 'y' }, command: ['sleep', '1'] });
    expect(changedFields(fieldDigests(before), fieldDigests(after))).toEqual(['environment', 'labels']);
    // Key order in the object does not matter.
    const reordered = svc({ command: ['sleep', '1'], environment: { A: '1' }, image: 'busybox' });
    expect(changedFields(fieldDigests(before), fieldDigests(reordered))).toEqual([]);
    expect(configHash(reordered)).toBe(configHash(before));
  });

  it('ignores keys that do not shape the container (scale, depends_on, deploy.replicas …)', () => {
    const before = svc({ image: 'busybox', scale: 1, deploy: { replicas: 1 } });
    const after = svc({ image: 'busybox', scale: 3, depends_on: { db: { condition: 'service_started', required: true } }, deploy: { replicas: 3 } });
    expect(changedFields(fieldDigests(before), fieldDigests(after))).toEqual([]);
    expect(configHash(after)).toBe(configHash(before));
  });
});
