// The built CLI keeps its load cache and V8's code cache where TCOMPOSE_CACHE_DIR says, replays
// the load's warnings from it, never answers a changed file from it, survives a damaged code
// cache, and keeps nothing with TCOMPOSE_NO_CACHE=1.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSYBOX, projectDir, tcompose, uniqueProject } from '../helpers/engine.js';

const entries = (dir: string, kind = 'load'): string[] => (existsSync(join(dir, kind)) ? readdirSync(join(dir, kind)) : []);

describe('load cache (CLI)', () => {
  it('is used again with the same warnings, and a changed file is read again', async () => {
    const project = uniqueProject('cache');
    const dir = projectDir({ 'compose.yaml': `name: ${project}\nservices:\n  app:\n    image: ${BUSYBOX}\n    command: ["echo", "\${GREETING}"]\n` });
    const cacheDir = mkdtempSync(join(tmpdir(), 'tc-cli-cache-'));
    const env = { TCOMPOSE_CACHE_DIR: cacheDir, GREETING: undefined };
    for (let i = 0; i < 2; i++) {
      const r = await tcompose(['ps', '--services'], { cwd: dir, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/WARN The "GREETING" variable is not set/);
      expect(entries(cacheDir)).toHaveLength(1);
    }
    writeFileSync(join(dir, 'compose.yaml'), `name: ${project}\nservices:\n  app:\n    image: [\n`);
    const bad = await tcompose(['ps'], { cwd: dir, env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/compose\.yaml:\d+:\d+/);
  });

  it('keeps one code cache per command, and a damaged one is replaced, not fatal', async () => {
    const dir = projectDir({ 'compose.yaml': `name: ${uniqueProject('v8')}\nservices:\n  app:\n    image: ${BUSYBOX}\n` });
    const cacheDir = mkdtempSync(join(tmpdir(), 'tc-cli-cache-'));
    const env = { TCOMPOSE_CACHE_DIR: cacheDir };
    expect((await tcompose(['ps'], { cwd: dir, env })).code).toBe(0);
    expect((await tcompose(['-f', 'compose.yaml', 'config', '--services'], { cwd: dir, env })).stdout).toBe('app\n');
    expect((await tcompose(['pss'], { cwd: dir, env })).code).toBe(2);
    const caches = entries(cacheDir, 'v8');
    expect(caches).toEqual(expect.arrayContaining([expect.stringMatching(/-ps\.bin$/), expect.stringMatching(/-config\.bin$/)]));
    expect(caches.filter((c) => c.endsWith('-pss.bin'))).toEqual([]); // a typo leaves no file
    const ps = join(cacheDir, 'v8', caches.find((c) => c.endsWith('-ps.bin'))!);
    writeFileSync(ps, 'not a code cache');
    const again = await tcompose(['ps'], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^NAME/);
    expect(readFileSync(ps).length).toBeGreaterThan(1000);
  });

  it('TCOMPOSE_NO_CACHE=1 keeps none', async () => {
    const dir = projectDir({ 'compose.yaml': `name: ${uniqueProject('nocache')}\nservices:\n  app:\n    image: ${BUSYBOX}\n` });
    const cacheDir = mkdtempSync(join(tmpdir(), 'tc-cli-cache-'));
    const r = await tcompose(['ps'], { cwd: dir, env: { TCOMPOSE_CACHE_DIR: cacheDir, TCOMPOSE_NO_CACHE: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(entries(cacheDir)).toEqual([]);
    expect(entries(cacheDir, 'v8')).toEqual([]);
  });
});
