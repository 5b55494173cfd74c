#!/usr/bin/env node
// The engine floor: the engine calls a command needs and nothing else, with maximal
// parallelism, over plain node:http on the engine's socket (no dockerode, no model, no plan).
//   node bench/floor.mjs up   --stack stack.json --project P   network, creates, starts by level
//   node bench/floor.mjs down --stack stack.json --project P   list, stops (reverse), removes, network
//   node bench/floor.mjs ps   --project P                      one label-filtered list
//   node bench/floor.mjs logs --project P                      every container's log, demuxed to stdout
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { socketPath: SOCKET, agent, method, path: `/v1.41${path}`, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode >= 400) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.trim()}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Streams a container's multiplexed log to stdout (8-byte frame headers stripped). */
function streamLogs(id) {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: SOCKET, agent, method: 'GET', path: `/v1.41/containers/${id}/logs?stdout=1&stderr=1` }, (res) => {
      let pending = Buffer.alloc(0);
      res.on('data', (chunk) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        let off = 0;
        while (pending.length - off >= 8) {
          const size = pending.readUInt32BE(off + 4);
          if (pending.length - off - 8 < size) break;
          process.stdout.write(pending.subarray(off + 8, off + 8 + size));
          off += 8 + size;
        }
        pending = pending.subarray(off);
      });
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { stack: { type: 'string' }, project: { type: 'string' } } });
const mode = positionals[0];
const project = values.project;
if (!project || !mode) throw new Error('usage: floor.mjs up|down|ps|logs --project P [--stack stack.json]');
const stack = values.stack ? JSON.parse(readFileSync(values.stack, 'utf8')) : undefined;
const network = `${project}_default`;
const filters = (extra = []) => encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`, ...extra] }));
const listContainers = () => call('GET', `/containers/json?all=1&filters=${filters(['com.docker.compose.oneoff=False'])}`);

async function up() {
  const labels = { 'com.docker.compose.project': project };
  const net = call('POST', '/networks/create', { Name: network, Driver: 'bridge', CheckDuplicate: true, Labels: { ...labels, 'com.docker.compose.network': 'default' } });
  const started = new Map();
  // Services come level by level, so a service's dependencies are already in the map.
  for (const s of stack.services) {
    const created = net.then(() =>
      call('POST', `/containers/create?name=${project}-${s.name}-1`, {
        Image: stack.image,
        Cmd: stack.command,
        Labels: { ...labels, 'com.docker.compose.service': s.name, 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' },
        HostConfig: { Init: true, NetworkMode: network },
        NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [s.name] } } },
      }),
    );
    started.set(s.name, Promise.all([created, ...s.deps.map((d) => started.get(d))]).then(([c]) => call('POST', `/containers/${c.Id}/start`)));
  }
  await Promise.all(started.values());
}

async function down() {
  const [containers, networks] = await Promise.all([listContainers(), call('GET', `/networks?filters=${filters()}`)]);
  const byService = new Map(containers.map((c) => [c.Labels['com.docker.compose.service'], c]));
  const dependents = new Map(stack.services.map((s) => [s.name, []]));
  for (const s of stack.services) for (const d of s.deps) dependents.get(d).push(s.name);
  // Reverse dependency order: a service stops once everything depending on it has stopped.
  const stopped = new Map();
  for (const s of [...stack.services].reverse()) {
    const c = byService.get(s.name);
    const after = Promise.all(dependents.get(s.name).map((d) => stopped.get(d)));
    stopped.set(s.name, after.then(() => (c && c.State === 'running' ? call('POST', `/containers/${c.Id}/stop?t=10`) : undefined)));
  }
  await Promise.all(stack.services.map((s) => stopped.get(s.name).then(() => {
    const c = byService.get(s.name);
    return c && call('DELETE', `/containers/${c.Id}?v=0`);
  })));
  await Promise.all(networks.map((n) => removeNetwork(n.Id)));
}

/** The engine frees a removed container's endpoint a moment later; under load it says so. */
async function removeNetwork(id) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call('DELETE', `/networks/${id}`);
    } catch (err) {
      if (attempt >= 40 || !/active endpoints/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function ps() {
  const containers = await listContainers();
  for (const c of containers) process.stdout.write(`${c.Names[0].slice(1)}\t${c.State}\t${c.Status}\n`);
}

async function logs() {
  const containers = await listContainers();
  await Promise.all(containers.map((c) => streamLogs(c.Id)));
}

const modes = { up, down, ps, logs };
if (!modes[mode]) throw new Error(`unknown mode ${mode}`);
await modes[mode]();
agent.destroy();
