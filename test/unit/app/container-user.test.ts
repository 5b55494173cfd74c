// syncOwner: the container's user, resolved against the container's own /etc/passwd and /etc/group.
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { syncOwner } from '../../../src/app/container-user.js';
import type { Engine } from '../../../src/engine/types.js';

const files: Record<string, string> = {
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n# a comment\nnode:x:1000:1001::/home/node:/bin/sh\n',
  '/etc/group': 'root:x:0:\nstaff:x:50:\n',
};

function engineFor(user: string, withFiles = true, failing = false): Engine {
  return {
    inspectContainer: async () => ({ config: { user } }),
    statPath: async (_id: string, path: string) => (withFiles && path in files ? { name: path, size: 1, isDir: false, linkTarget: '' } : undefined),
    getArchive: async (_id: string, path: string) => {
      if (failing) throw new Error('engine went away');
      if (!withFiles || !(path in files)) throw new Error('no such file');
      const pack = tar.pack();
      pack.entry({ name: path.split('/').pop()! }, files[path]!);
      pack.finalize();
      return Readable.from(pack);
    },
  } as unknown as Engine;
}

describe('syncOwner', () => {
  it.each([
    ['', undefined],
    ['root', undefined],
    ['0:0', undefined],
    ['node', { uid: 1000, gid: 1001 }],
    ['node:staff', { uid: 1000, gid: 50 }],
    ['1000', { uid: 1000, gid: 1001 }],
    ['4321', { uid: 4321, gid: 0 }],
    ['4321:8765', { uid: 4321, gid: 8765 }],
    ['ghost', undefined],
    ['node:nogroup', undefined],
  ])('user %j → %j', async (user, owner) => {
    expect(await syncOwner(engineFor(user), 'c1')).toEqual(owner);
  });

  it('a named user in an image without /etc/passwd keeps the host owner', async () => {
    expect(await syncOwner(engineFor('node', false), 'c1')).toBeUndefined();
  });

  it('an engine failure is an error, not an answer (so that it is not remembered)', async () => {
    await expect(syncOwner(engineFor('node', true, true), 'c1')).rejects.toThrow('engine went away');
  });
});
