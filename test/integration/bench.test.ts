// The benchmark script runs end to end on a tiny stack: one repetition of every figure, each
// tool, and a result table on stdout. Nothing is asserted about time.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO, docker, run } from '../helpers/engine.js';

const BENCH = join(REPO, 'bench/run.mjs');

describe('bench/run.mjs', () => {
  it('measures a 3-service stack with every tool and prints the table', async () => {
    const args = ['--reps', '1', '--sizes', '3', '--config-sizes', '5', '--only', 'up,noop,ps,down,version,config', '--tools', 'tcompose,v1,floor'];
    const runId = `t${process.pid}`;
    const r = await run(process.execPath, [BENCH, ...args], { cwd: REPO, timeoutMs: 240_000, env: { BENCH_RUN_ID: runId } });
    expect(r.stderr).not.toMatch(/FAILED/);
    expect(r.code).toBe(0);
    const table = r.stdout.split('\n').filter((l) => l.startsWith('| '));
    expect(table[0]).toBe('| figure | services | tcompose | v1 | floor | tcompose/v1 | tcompose/floor | target |');
    for (const figure of ['cold `up -d`', 'no-op `up -d`', '`ps`', '`down`', '`--version`', '`config`']) {
      const row = table.find((l) => l.startsWith(`| ${figure} |`));
      expect(row, figure).toBeDefined();
      // Every tool that has the figure reports a median; none failed.
      expect(row).not.toMatch(/failed/);
      expect(row).toMatch(/\| \d+\.\d{3} \(\d+\.\d{3}–\d+\.\d{3}\) \|/);
    }
    expect(r.stdout).toMatch(/^Machine: \d+ × /m);
    // Every project the bench made is gone again.
    const projects = docker('ps', '-a', '--filter', 'label=com.docker.compose.project', '--format', '{{.Label "com.docker.compose.project"}}').split('\n');
    // Every project this run made is gone again (other runs of the bench may be going on).
    expect(projects.filter((p) => p.startsWith(`tcb${runId}-`))).toEqual([]);
  }, 300_000);

  it('prints machine, rows and raw samples as JSON', async () => {
    const r = await run(process.execPath, [BENCH, '--reps', '1', '--only', 'version,ps', '--sizes', '2', '--tools', 'tcompose,floor', '--json'], { cwd: REPO, timeoutMs: 120_000 });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.machine.cpus).toBeGreaterThan(0);
    expect(result.rows.map((row: { figure: string }) => row.figure)).toEqual(['ps', 'version']);
    expect(result.samples.every((s: { ok: boolean }) => s.ok)).toBe(true);
    expect(result.rows[0].vsFloor).toBeGreaterThan(0);
  }, 300_000);
});
