// What the engine can honour: `platform:` with and without an architecture, against an
// amd64 engine.
import { describe, expect, it } from 'vitest';
import { engineProblems } from '../../../src/plan/capabilities.js';
import { project } from './helpers.js';

const amd64 = { os: 'linux', arch: 'x86_64', apiVersion: '1.41' };

describe('platform', () => {
  it('linux alone, linux/amd64 and linux/x86_64 run on an amd64 engine', async () => {
    const p = await project('services:\n  a:\n    image: x\n    platform: linux\n  b:\n    image: x\n    platform: linux/amd64\n  c:\n    image: x\n    platform: linux/x86_64\n');
    expect(engineProblems(p, ['a', 'b', 'c'], amd64)).toEqual([]);
  });

  it('another architecture or OS is refused by name', async () => {
    const p = await project('services:\n  a:\n    image: x\n    platform: linux/arm64\n  w:\n    image: x\n    platform: windows\n');
    expect(engineProblems(p, ['a', 'w'], amd64)).toEqual([
      'service a: platform linux/arm64 cannot be honoured: the engine runs linux/amd64 containers only',
      'service w: platform windows cannot be honoured: the engine runs linux/amd64 containers only',
    ]);
  });
});
