#!/usr/bin/env node
// tcompose benchmarks: tcompose, docker-compose v1 and the engine floor (bench/floor.mjs), in
// the same run on the same engine. Ratios are the claim; absolute times are context.
//   node bench/run.mjs [--reps 5] [--sizes 10,20,100] [--config-sizes 10,100,1000]
//                      [--only up,noop,ps,down,version,config,logs] [--tools tcompose,v1,floor]
//                      [--logs-containers 8] [--logs-lines 50000] [--json] [--out result.json]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { writeLogsStack, writeStack } from './stack.mjs';

const REPO = resolve(dirname(new URL(import.meta.url).pathname), '..');
const CLI = join(REPO, 'dist/cli.js');
const FLOOR = join(REPO, 'bench/floor.mjs');
const FIGURES = ['up', 'noop', 'ps', 'down', 'version', 'config', 'logs'];
const TOOLS = ['tcompose', 'v1', 'floor'];

const { values: opt } = parseArgs({
  options: {
    reps: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '10,20,100' },
    'config-sizes': { type: 'string', default: '10,100,1000' },
    only: { type: 'string', default: FIGURES.join(',') },
    tools: { type: 'string', default: TOOLS.join(',') },
    'logs-containers': { type: 'string', default: '8' },
    'logs-lines': { type: 'string', default: '50000' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 6).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
  process.exit(0);
}
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const numbers = (s) => list(s).map((x) => {
  const n = Number(x);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${x}`);
  return n;
});
const reps = numbers(opt.reps)[0];
const sizes = numbers(opt.sizes);
const configSizes = numbers(opt['config-sizes']);
const only = new Set(list(opt.only));
const tools = list(opt.tools);
for (const f of only) if (!FIGURES.includes(f)) throw new Error(`unknown figure ${f} (one of ${FIGURES.join(', ')})`);
for (const t of tools) if (!TOOLS.includes(t)) throw new Error(`unknown tool ${t} (one of ${TOOLS.join(', ')})`);
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Preconditions: the built CLI, the test image, docker-compose v1, GNU time for peak RSS.

function aptInstall(pkg) {
  log(`installing ${pkg} (apt-get)`);
  execFileSync('apt-get', ['install', '-y', pkg], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm run bench does)`);
if (tools.includes('v1') && !onPath('docker-compose')) aptInstall('docker-compose');
if (!existsSync('/usr/bin/time')) aptInstall('time');
if (spawnSync('docker', ['image', 'inspect', 'tcompose-test/busybox:latest'], { stdio: 'ignore' }).status !== 0) {
  log('building the test image (scripts/test-images.sh)');
  execFileSync('bash', [join(REPO, 'scripts/test-images.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---------------------------------------------------------------------------------------------
// Running and timing one command.

const ENV = { ...process.env, NO_COLOR: '1', COMPOSE_INTERACTIVE_NO_CLI: '1' };

/**
 * Runs a command to completion; wall time from spawn to exit, stdout counted and discarded.
 * GNU time reports the client's own CPU time (user + sys) and peak resident set size: on a
 * shared machine CPU time says what the client costs even when wall time is noisy.
 */
function timed(cmd, args, { cwd } = {}) {
  return new Promise((done) => {
    const timeFile = join(work, `time-${randomBytes(4).toString('hex')}`);
    const [c, a] = ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, cmd, ...args]];
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d) => {
      bytes += d.length;
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    });
    // The end of stderr holds the error message; progress lines before it can be long.
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
    child.on('error', (err) => done({ ok: false, seconds: 0, error: err.message }));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const result = { ok: code === 0, seconds, bytes, lines };
      if (code !== 0) {
        // The message, not a stack trace's last frames: the first line that says error, else the last lines.
        const lines = stderr.trim().split('\n');
        const said = lines.findLast((l) => /error/i.test(l) && !/^\s+at /.test(l));
        result.error = `exit ${code}: ${(said ?? lines.slice(-3).join(' | ')).trim().slice(0, 300)}`;
      }
      if (existsSync(timeFile)) {
        const [user, sys, kb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        if (Number.isFinite(kb)) Object.assign(result, { cpuSeconds: user + sys, rssMB: kb / 1024 });
        rmSync(timeFile, { force: true });
      }
      done(result);
    });
  });
}

/** The command line of `figure` for a tool, or undefined when the tool has no such figure. */
function command(tool, figure, { file, json, project }) {
  const sub = { up: ['up', '-d'], noop: ['up', '-d'], ps: ['ps'], down: ['down'], config: ['config'], logs: ['logs', '--no-color'] }[figure];
  if (tool === 'tcompose') return [process.execPath, [CLI, '-f', file, '-p', project, ...sub]];
  if (tool === 'v1') return ['docker-compose', ['-f', file, '-p', project, ...sub]];
  const mode = { up: 'up', noop: 'ps', ps: 'ps', down: 'down', logs: 'logs' }[figure];
  // The floor of a no-op up is what observing needs: one label-filtered list.
  if (!mode) return undefined;
  return [process.execPath, [FLOOR, mode, '--project', project, ...(json ? ['--stack', json] : [])]];
}

// ---------------------------------------------------------------------------------------------
// Engine state, through the docker CLI so that no tool under test cleans up after itself.

const dockerLines = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).split('\n').filter(Boolean);
const byProject = (project) => `label=com.docker.compose.project=${project}`;

function cleanup(project) {
  const containers = dockerLines('ps', '-aq', '--filter', byProject(project));
  if (containers.length) execFileSync('docker', ['rm', '-f', '-v', ...containers], { stdio: 'ignore' });
  const networks = () => new Set([...dockerLines('network', 'ls', '-q', '--filter', byProject(project)), ...dockerLines('network', 'ls', '-q', '--filter', `name=^${project}_default$`)]);
  // Endpoints of just-removed containers are released a moment later: retry for a few seconds.
  for (let attempt = 0; attempt < 20; attempt++) {
    const left = networks();
    if (!left.size) return;
    if (spawnSync('docker', ['network', 'rm', ...left], { stdio: 'ignore' }).status === 0) return;
    spawnSync('sleep', ['0.25']);
  }
  // A leaked endpoint (the engine lost track of it under load) keeps the network for good; the
  // next repetition uses a project name of its own, so say so and go on.
  notes.push(`could not remove the network of ${project}: the engine reports active endpoints that no container holds`);
}
const running = (project) => dockerLines('ps', '-q', '--filter', byProject(project), '--filter', 'status=running').length;
const existing = (project) => dockerLines('ps', '-aq', '--filter', byProject(project)).length;

// ---------------------------------------------------------------------------------------------
// Measurements. Every sample is { figure, size, tool, rep, ok, seconds, ... }.

// Every project of this run is named tcb<runId>-…; BENCH_RUN_ID lets a caller (the test) know them.
const runId = process.env.BENCH_RUN_ID || randomBytes(2).toString('hex');
const work = mkdtempSync(join(tmpdir(), 'tcompose-bench-'));
const samples = [];
const notes = [];
const projectOf = (tool, size, kind = 'stack', rep = 0) => `tcb${runId}-${kind}-${{ tcompose: 'tc', v1: 'v1', floor: 'fl' }[tool]}-${size}${rep ? `-r${rep}` : ''}`;
const record = (sample) => {
  samples.push(sample);
  if (!sample.ok) log(`${sample.tool} ${sample.figure} n=${sample.size} rep ${sample.rep}: FAILED ${sample.error ?? ''}`);
};
const rotate = (arr, k) => arr.map((_, i) => arr[(i + k) % arr.length]);

async function stackFigures() {
  const wanted = ['up', 'noop', 'ps', 'down'].filter((f) => only.has(f));
  if (!wanted.length) return;
  for (const size of sizes) {
    const stack = writeStack(join(work, `stack-${size}`), size);
    for (let rep = 1; rep <= reps; rep++) {
      // Tools take turns going first so that a noisy neighbour does not favour one of them.
      for (const tool of rotate(tools, rep - 1)) {
        const project = projectOf(tool, size, 'stack', rep);
        const ctx = { file: stack.file, json: stack.json, project };
        const run = (figure) => {
          const [cmd, args] = command(tool, figure, ctx);
          return timed(cmd, args, { cwd: stack.dir });
        };
        cleanup(project);
        log(`n=${size} rep ${rep}/${reps} ${tool}`);
        // Every repetition: cold up, no-op up, ps, down, from an empty project each time.
        const up = await run('up');
        if (up.ok && running(project) !== size) Object.assign(up, { ok: false, error: `${running(project)} of ${size} containers running after up` });
        if (only.has('up')) record({ figure: 'up', size, tool, rep, ...up });
        if (up.ok) {
          for (const figure of ['noop', 'ps']) {
            if (!only.has(figure)) continue;
            const r = await run(figure);
            record({ figure, size, tool, rep, ...r });
          }
          const down = await run('down');
          if (down.ok && existing(project) !== 0) Object.assign(down, { ok: false, error: `${existing(project)} containers left after down` });
          if (only.has('down')) record({ figure: 'down', size, tool, rep, ...down });
        }
        cleanup(project);
      }
    }
  }
}

async function versionFigure() {
  if (!only.has('version')) return;
  const cmds = {
    tcompose: [process.execPath, [CLI, '--version']],
    v1: ['docker-compose', ['--version']],
    // The floor of start-up: node itself, running nothing.
    floor: [process.execPath, ['-e', '0']],
  };
  for (let rep = 1; rep <= reps; rep++) {
    for (const tool of rotate(tools, rep - 1)) {
      const [cmd, args] = cmds[tool];
      record({ figure: 'version', size: 0, tool, rep, ...(await timed(cmd, args)) });
    }
  }
}

async function configFigure() {
  if (!only.has('config')) return;
  for (const size of configSizes) {
    const stack = writeStack(join(work, `config-${size}`), size);
    for (let rep = 1; rep <= reps; rep++) {
      for (const tool of rotate(tools.filter((t) => t !== 'floor'), rep - 1)) {
        const [cmd, args] = command(tool, 'config', { file: stack.file, project: projectOf(tool, size, 'cfg') });
        record({ figure: 'config', size, tool, rep, ...(await timed(cmd, args, { cwd: stack.dir })) });
      }
    }
  }
}

async function logsFigure() {
  if (!only.has('logs')) return;
  const containers = numbers(opt['logs-containers'])[0];
  const lines = numbers(opt['logs-lines'])[0];
  const size = containers * lines;
  const stack = writeLogsStack(join(work, 'logs'), containers, lines);
  // Each tool reads a project it started itself; the floor reads tcompose's (read only).
  const producers = tools.filter((t) => t !== 'floor');
  if (tools.includes('floor') && !producers.includes('tcompose')) producers.push('tcompose');
  const projects = {};
  for (const tool of producers) {
    const project = projectOf(tool, containers, 'logs');
    projects[tool] = project;
    cleanup(project);
    const [cmd, args] = command(tool, 'up', { file: stack.file, project });
    const r = await timed(cmd, args, { cwd: stack.dir });
    if (!r.ok) notes.push(`logs: ${tool} could not start the log stack: ${r.error}`);
  }
  projects.floor = projects.tcompose;
  // Wait until every writer has finished (they exit after their last line).
  const deadline = Date.now() + 180_000;
  for (const project of new Set(Object.values(projects))) {
    while (Date.now() < deadline && dockerLines('ps', '-q', '--filter', byProject(project), '--filter', 'status=running').length) await new Promise((r) => setTimeout(r, 500));
  }
  for (let rep = 1; rep <= reps; rep++) {
    for (const tool of rotate(tools, rep - 1)) {
      const project = projects[tool];
      const [cmd, args] = command(tool, 'logs', { file: stack.file, project });
      const r = await timed(cmd, args, { cwd: stack.dir });
      if (r.ok && r.lines < size) Object.assign(r, { ok: false, error: `read ${r.lines} of ${size} lines` });
      record({ figure: 'logs', size, tool, rep, ...r });
    }
  }
  for (const project of new Set(Object.values(projects))) cleanup(project);
}

// ---------------------------------------------------------------------------------------------
// Report.

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    engine: sh('docker', ['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}}, {{.Server.Os}}/{{.Server.Arch}})']),
    storageDriver: sh('docker', ['info', '--format', '{{.Driver}}']),
    node: process.version,
    dockerCompose: sh('docker-compose', ['version', '--short']),
    tcompose: sh(process.execPath, [CLI, '--version']),
    commit: sh('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']),
    kernel: sh('uname', ['-r']),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function stats(figure, size, tool) {
  const all = samples.filter((s) => s.figure === figure && s.size === size && s.tool === tool);
  const ok = all.filter((s) => s.ok);
  if (!all.length) return undefined;
  if (!ok.length) return { failed: all.length, error: all[0].error };
  const t = ok.map((s) => s.seconds);
  const out = { n: ok.length, failed: all.length - ok.length, min: Math.min(...t), median: median(t), max: Math.max(...t) };
  const cpu = ok.map((s) => s.cpuSeconds).filter((x) => x !== undefined);
  if (cpu.length) out.cpuMedian = median(cpu);
  if (figure === 'logs') {
    out.linesPerSecond = median(ok.map((s) => s.lines / s.seconds));
    out.mbPerSecond = median(ok.map((s) => s.bytes / 2 ** 20 / s.seconds));
    const rss = ok.map((s) => s.rssMB).filter((x) => x !== undefined);
    if (rss.length) out.peakRssMB = Math.max(...rss);
  }
  return out;
}

// The issue's targets, judged on the 20-service stack (and config on 1000 services).
const TARGETS = {
  up: { size: 20, against: 'floor', ratio: 1.1, text: '≤ 1.10 × floor' },
  noop: { size: 20, against: 'v1', ratio: 0.25, text: '≤ 0.25 × v1' },
  ps: { size: 20, against: 'v1', ratio: 0.2, text: '≤ 0.20 × v1' },
  down: { size: 20, against: 'v1', ratio: 0.6, text: '≤ 0.60 × v1' },
  version: { size: 0, seconds: 0.15, text: '≤ 0.15 s' },
  config: { size: 1000, seconds: 1, text: '< 1 s' },
};

function rows() {
  const keys = [];
  for (const s of samples) if (!keys.some((k) => k.figure === s.figure && k.size === s.size)) keys.push({ figure: s.figure, size: s.size });
  return keys.map(({ figure, size }) => {
    const st = Object.fromEntries(tools.map((t) => [t, stats(figure, size, t)]));
    const tc = st.tcompose?.median;
    const ratio = (other) => (tc !== undefined && st[other]?.median ? tc / st[other].median : undefined);
    const row = { figure, size, stats: st, vsV1: ratio('v1'), vsFloor: ratio('floor') };
    const target = TARGETS[figure];
    if (target && target.size === size) {
      const value = target.against ? row[target.against === 'v1' ? 'vsV1' : 'vsFloor'] : tc;
      const limit = target.against ? target.ratio : target.seconds;
      row.target = { text: target.text, met: value === undefined ? undefined : figure === 'config' ? value < limit : value <= limit };
    }
    return row;
  });
}

const LABELS = { up: 'cold `up -d`', noop: 'no-op `up -d`', ps: '`ps`', down: '`down`', version: '`--version`', config: '`config`', logs: '`logs`' };
const fmt = (x) => (x === undefined ? '' : x < 10 ? x.toFixed(3) : x.toFixed(1));
const cell = (st) => (!st ? '—' : st.median === undefined ? `failed (${st.failed})` : `${fmt(st.median)} (${fmt(st.min)}–${fmt(st.max)})${st.failed ? ` ${st.failed} failed` : ''}`);
const r2 = (x) => (x === undefined ? '—' : x.toFixed(2));

function markdown(result) {
  const out = [];
  out.push(`Seconds: median (min–max) of ${reps} repetitions. Ratios are tcompose's median over the other's.`, '');
  out.push(`| figure | services | ${tools.join(' | ')} | tcompose/v1 | tcompose/floor | target |`);
  out.push(`|---|---:|${tools.map(() => '---:').join('|')}|---:|---:|---|`);
  for (const row of result.rows) {
    if (row.figure === 'logs') continue;
    const target = row.target ? `${row.target.text} ${row.target.met === undefined ? '?' : row.target.met ? '✓' : '✗'}` : '';
    out.push(`| ${LABELS[row.figure]} | ${row.size || ''} | ${tools.map((t) => cell(row.stats[t])).join(' | ')} | ${r2(row.vsV1)} | ${r2(row.vsFloor)} | ${target} |`);
  }
  out.push('', "Client CPU seconds (user + sys of the command's own process, median): the engine's work is not in it.", '');
  out.push(`| figure | services | ${tools.join(' | ')} |`, `|---|---:|${tools.map(() => '---:').join('|')}|`);
  for (const row of result.rows) {
    out.push(`| ${LABELS[row.figure]} | ${row.figure === 'logs' ? '' : row.size || ''} | ${tools.map((t) => fmt(row.stats[t]?.cpuMedian) || '—').join(' | ')} |`);
  }
  const logs = result.rows.find((r) => r.figure === 'logs');
  if (logs) {
    out.push('', `\`logs\` over ${opt['logs-containers']} containers × ${opt['logs-lines']} lines (median throughput, peak RSS of the process over all repetitions):`, '');
    out.push('| tool | seconds | lines/s | MB/s | peak RSS MB |', '|---|---:|---:|---:|---:|');
    for (const t of tools) {
      const st = logs.stats[t];
      if (!st) continue;
      out.push(st.median === undefined
        ? `| ${t} | failed (${st.failed}) | | | |`
        : `| ${t} | ${cell(st)} | ${Math.round(st.linesPerSecond).toLocaleString('en-US')} | ${st.mbPerSecond.toFixed(1)} | ${st.peakRssMB?.toFixed(0) ?? '?'} |`);
    }
  }
  const config = result.rows.filter((r) => r.figure === 'config' && r.stats.tcompose?.median !== undefined);
  if (config.length > 1) {
    const per = config.map((r) => `${r.size}: ${((r.stats.tcompose.median / r.size) * 1000).toFixed(2)} ms`);
    out.push('', `tcompose \`config\` per service: ${per.join(', ')}.`);
  }
  const failures = samples.filter((s) => !s.ok);
  if (failures.length || notes.length) {
    out.push('', 'Failures:');
    const seen = new Set();
    for (const f of failures) {
      const line = `- ${f.tool} ${f.figure} (${f.size}): ${f.error}`;
      if (!seen.has(line)) out.push(line), seen.add(line);
    }
    for (const n of notes) out.push(`- ${n}`);
  }
  return out.join('\n') + '\n';
}

const loadBefore = loadavg();
const started = Date.now();
try {
  await stackFigures();
  await versionFigure();
  await configFigure();
  await logsFigure();
} finally {
  for (const tool of tools) for (const size of sizes) for (let rep = 1; rep <= reps; rep++) cleanup(projectOf(tool, size, 'stack', rep));
  rmSync(work, { recursive: true, force: true });
}
const result = {
  machine: machine(),
  load: { before: loadBefore.map((x) => +x.toFixed(2)), after: loadavg().map((x) => +x.toFixed(2)) },
  durationSeconds: Math.round((Date.now() - started) / 1000),
  options: { reps, sizes, configSizes, only: [...only], tools, logsContainers: Number(opt['logs-containers']), logsLines: Number(opt['logs-lines']) },
  rows: rows(),
  samples,
  notes,
};
if (opt.out) writeFileSync(opt.out, JSON.stringify(result, null, 2) + '\n');
if (opt.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
else {
  const m = result.machine;
  process.stdout.write(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, engine ${m.engine} ${m.storageDriver}, node ${m.node}, docker-compose ${m.dockerCompose}, ${m.tcompose} (${m.commit}), kernel ${m.kernel}\n`);
  process.stdout.write(`Load average before ${result.load.before.join(' ')}, after ${result.load.after.join(' ')}; ${result.durationSeconds} s\n\n`);
  process.stdout.write(markdown(result));
}
