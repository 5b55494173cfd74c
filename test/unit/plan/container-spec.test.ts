// Every service key that shapes a container, from inline YAML through loadProject to the exact
// Engine API create body (API 1.41), compared with how docker compose v2 maps it.
import { describe, expect, it } from 'vitest';
import type { ContainerCreateBody } from '../../../src/engine/types.js';
import { containerSpec, type ContainerSpec } from '../../../src/plan/container-spec.js';
import { unsupportedSettings } from '../../../src/plan/capabilities.js';
import { contentDigest } from '../../../src/state/hash.js';
import { load } from '../loader/helpers.js';

/** Service `app` (given as its YAML body) next to a service `other`, plus top-level YAML. */
async function specOf(service: string, top = '', files: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ContainerSpec & { dir: string }> {
  const yaml = `services:\n  app:\n${service.replace(/^/gm, '    ')}\n  other:\n    image: busybox\n${top}`;
  const { project, dir } = await load({ 'compose.yaml': yaml, ...files }, { projectName: 'demo', environment: env });
  const spec = containerSpec({
    project,
    service: project.services.app!,
    number: 1,
    name: 'demo-app-1',
    configHash: 'h',
    containersOf: (s) => [`demo-${s}-1`],
  });
  return { ...spec, dir };
}

const host = (body: ContainerCreateBody): Record<string, unknown> => body.HostConfig as Record<string, unknown>;

describe('container create body', () => {
  it('image, command, entrypoint, environment, env_file, working_dir, user, hostname, domainname, tty, stdin_open', async () => {
    const { body } = await specOf(
      `image: busybox:1\ncommand: echo "a b" c\nentrypoint: ["/bin/sh", "-c"]\nenvironment: {A: "1", B: null}\nenv_file: [.env.app]\nworking_dir: /w\nuser: "1000:1000"\nhostname: h\ndomainname: example.org\ntty: true\nstdin_open: true`,
      '',
      { '.env.app': 'FROM_FILE=x\nA=overridden\n' },
    );
    expect(body.Image).toBe('busybox:1');
    expect(body.Cmd).toEqual(['echo', 'a b', 'c']);
    expect(body.Entrypoint).toEqual(['/bin/sh', '-c']);
    expect(body.Env).toEqual(['FROM_FILE=x', 'A=1']);
    expect([body.WorkingDir, body.User, body.Hostname, body.Domainname, body.Tty, body.OpenStdin]).toEqual(['/w', '1000:1000', 'h', 'example.org', true, true]);
  });

  it('labels next to ours; annotations', async () => {
    const { body } = await specOf(`image: busybox\nlabels: [a=1, b]\nannotations: {x: y}`);
    expect(body.Labels).toMatchObject({ a: '1', b: '', 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'app', 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' });
    expect(host(body).Annotations).toEqual({ x: 'y' });
  });

  it('ports: every syntax, host IP, ranges, udp; expose', async () => {
    const { body } = await specOf(
      `image: busybox\nports:\n  - "80"\n  - "8080:81"\n  - "127.0.0.1:8081:82"\n  - "127.0.0.1::83"\n  - "[::1]:8084:84/udp"\n  - "127.0.0.1:9000-9001:9000-9001"\n  - "7000-7001:7000"\n  - {target: 85, published: "8085", host_ip: 127.0.0.2, protocol: udp}\nexpose: ["3000", "4000-4001/udp"]`,
    );
    expect(host(body).PortBindings).toEqual({
      '80/tcp': [{ HostIp: '', HostPort: '' }],
      '81/tcp': [{ HostIp: '', HostPort: '8080' }],
      '82/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }],
      '83/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '84/udp': [{ HostIp: '::1', HostPort: '8084' }],
      '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: '9000' }],
      '9001/tcp': [{ HostIp: '127.0.0.1', HostPort: '9001' }],
      '7000/tcp': [{ HostIp: '', HostPort: '7000-7001' }],
      '85/udp': [{ HostIp: '127.0.0.2', HostPort: '8085' }],
    });
    expect(Object.keys(body.ExposedPorts!).sort()).toEqual(['3000/tcp', '4000/udp', '4001/udp', '7000/tcp', '80/tcp', '81/tcp', '82/tcp', '83/tcp', '84/udp', '85/udp', '9000/tcp', '9001/tcp']);
  });

  it('networks: aliases (container name, service, declared), ipv4/ipv6, link_local_ips, mac_address, priority order', async () => {
    const { body, extraNetworks } = await specOf(
      `image: busybox\nnetworks:\n  front: {aliases: [web], ipv4_address: 172.28.0.5, ipv6_address: "fd00::5", link_local_ips: [169.254.0.5], mac_address: "02:42:ac:11:00:05", priority: 10}\n  back: {}\nlinks: [other:db]\nexternal_links: [legacy:old]`,
      'networks:\n  front: {}\n  back: {}\n',
    );
    expect(host(body).NetworkMode).toBe('demo_front');
    expect(body.NetworkingConfig!.EndpointsConfig).toEqual({
      demo_front: {
        Aliases: ['demo-app-1', 'app', 'web'],
        Links: ['demo-other-1:db', 'legacy:old'],
        IPAMConfig: { IPv4Address: '172.28.0.5', IPv6Address: 'fd00::5', LinkLocalIPs: ['169.254.0.5'] },
        MacAddress: '02:42:ac:11:00:05',
      },
    });
    // API 1.41 takes the MAC address on the container, not the endpoint.
    expect(body.MacAddress).toBe('02:42:ac:11:00:05');
    expect(extraNetworks).toEqual([{ network: 'demo_back', endpoint: { Aliases: ['demo-app-1', 'app'] } }]);
  });

  it('network_mode: host, none, service:, container:; disabled', async () => {
    for (const [mode, want] of [['host', 'host'], ['none', 'none'], ['service:other', 'container:demo-other-1'], ['container:abc', 'container:abc']] as const) {
      const { body } = await specOf(`image: busybox\nnetwork_mode: "${mode}"`);
      expect(host(body).NetworkMode).toBe(want);
      expect(body.NetworkingConfig).toBeUndefined();
    }
    const { body } = await specOf(`image: busybox\nnetwork_mode: disabled`);
    expect(body.NetworkDisabled).toBe(true);
  });

  it('volumes: bind (create_host_path, read_only, propagation, SELinux), named, anonymous, tmpfs size/mode, nocopy, subpath', async () => {
    const { body, dir } = await specOf(
      `image: busybox\nvolumes:\n  - ./src:/src:ro,z\n  - ./prop:/prop:rslave\n  - {type: bind, source: ./must, target: /must, bind: {create_host_path: false, propagation: rprivate}}\n  - data:/data:nocopy\n  - {type: volume, source: data, target: /sub, volume: {subpath: x}}\n  - /anon\n  - {type: tmpfs, target: /t, tmpfs: {size: 64m, mode: 1777}}\nvolumes_from: [other:ro, "container:c1"]\ntmpfs: ["/run:size=1m,mode=700", /tmp]`,
      'volumes:\n  data: {}\n',
    );
    const h = host(body);
    expect(h.Binds).toEqual([`${dir}/src:/src:ro,z`, `${dir}/prop:/prop:rslave`]);
    expect(h.Mounts).toEqual([
      { Type: 'bind', Source: `${dir}/must`, Target: '/must', ReadOnly: false, BindOptions: { Propagation: 'rprivate' } },
      { Type: 'volume', Source: 'demo_data', Target: '/data', ReadOnly: false, VolumeOptions: { NoCopy: true } },
      { Type: 'volume', Source: 'demo_data', Target: '/sub', ReadOnly: false, VolumeOptions: { Subpath: 'x' } },
      { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 1777 } },
    ]);
    expect(body.Volumes).toEqual({ '/anon': {} });
    expect(h.VolumesFrom).toEqual(['demo-other-1:ro', 'c1']);
    expect(h.Tmpfs).toEqual({ '/run': 'size=1m,mode=700', '/tmp': '' });
  });

  it('bind.recursive: through the mount API with the matching BindOptions flag; enabled is the default', async () => {
    const { body, dir } = await specOf(
      `image: busybox\nvolumes:\n  - {type: bind, source: ./a, target: /a, bind: {recursive: disabled}}\n  - {type: bind, source: ./b, target: /b, read_only: true, bind: {recursive: writable, propagation: rslave}}\n  - {type: bind, source: ./c, target: /c, read_only: true, bind: {recursive: readonly}}\n  - {type: bind, source: ./d, target: /d, bind: {recursive: enabled}}`,
    );
    const h = host(body);
    expect(h.Binds).toEqual([`${dir}/d:/d`]);
    expect(h.Mounts).toEqual([
      { Type: 'bind', Source: `${dir}/a`, Target: '/a', ReadOnly: false, BindOptions: { NonRecursive: true, CreateMountpoint: true } },
      { Type: 'bind', Source: `${dir}/b`, Target: '/b', ReadOnly: true, BindOptions: { Propagation: 'rslave', ReadOnlyNonRecursive: true, CreateMountpoint: true } },
      { Type: 'bind', Source: `${dir}/c`, Target: '/c', ReadOnly: true, BindOptions: { ReadOnlyForceRecursive: true, CreateMountpoint: true } },
    ]);
  });

  it('networks.*.interface_name names the interface through the endpoint driver options', async () => {
    const { body } = await specOf(`image: busybox\nnetworks: {default: {interface_name: eth7, driver_opts: {a: b}}}`);
    expect(body.NetworkingConfig?.EndpointsConfig?.demo_default?.DriverOpts).toEqual({ a: 'b', 'com.docker.network.endpoint.ifname': 'eth7' });
  });

  it('devices: host paths as Devices, CDI names as one request to the cdi driver', async () => {
    const h = host((await specOf(`image: busybox\ndevices: ["/dev/fuse", "/dev/sda:/dev/xvda:r", "nvidia.com/gpu=all", {source: vendor.example/class=dev0}]`)).body);
    expect(h.Devices).toEqual([
      { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/sda', PathInContainer: '/dev/xvda', CgroupPermissions: 'r' },
    ]);
    expect(h.DeviceRequests).toEqual([{ Driver: 'cdi', DeviceIDs: ['nvidia.com/gpu=all', 'vendor.example/class=dev0'] }]);
  });

  it('restart, and deploy.restart_policy over it', async () => {
    expect(host((await specOf(`image: busybox\nrestart: on-failure:3`)).body).RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(host((await specOf(`image: busybox\nrestart: "no"`)).body).RestartPolicy).toEqual({ Name: 'no' });
    expect(host((await specOf(`image: busybox\nrestart: always\ndeploy: {restart_policy: {condition: any}}`)).body).RestartPolicy).toEqual({ Name: 'always' });
    expect(host((await specOf(`image: busybox\ndeploy: {restart_policy: {condition: on-failure, max_attempts: 2}}`)).body).RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
    expect(host((await specOf(`image: busybox\ndeploy: {restart_policy: {condition: none}}`)).body).RestartPolicy).toEqual({ Name: 'no' });
  });

  it('healthcheck durations in nanoseconds; disable', async () => {
    const { body } = await specOf(`image: busybox\nhealthcheck: {test: "wget -q localhost", interval: 1m30s, timeout: 500ms, retries: 4, start_period: 2s, start_interval: 1s}`);
    expect(body.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q localhost'], Interval: 90e9, Timeout: 500e6, Retries: 4, StartPeriod: 2e9, StartInterval: 1e9 });
    expect((await specOf(`image: busybox\nhealthcheck: {disable: true}`)).body.Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it('stop_signal, stop_grace_period (whole seconds, truncated), init, privileged, read_only', async () => {
    const { body } = await specOf(`image: busybox\nstop_signal: SIGINT\nstop_grace_period: 1m1500ms\ninit: true\nprivileged: true\nread_only: true`);
    expect([body.StopSignal, body.StopTimeout]).toEqual(['SIGINT', 61]);
    expect([host(body).Init, host(body).Privileged, host(body).ReadonlyRootfs]).toEqual([true, true, true]);
  });

  it('cap_add/cap_drop, security_opt (systempaths=unconfined clears masked paths), devices, device_cgroup_rules', async () => {
    const h = host(
      (await specOf(`image: busybox\ncap_add: [NET_ADMIN]\ncap_drop: [ALL]\nsecurity_opt: ["no-new-privileges:true", "systempaths=unconfined"]\ndevices: ["/dev/fuse", "/dev/a:/dev/b:r", {source: /dev/c, target: /dev/d, permissions: rw}]\ndevice_cgroup_rules: ["c 1:3 mr"]`)).body,
    );
    expect(h.CapAdd).toEqual(['NET_ADMIN']);
    expect(h.CapDrop).toEqual(['ALL']);
    expect(h.SecurityOpt).toEqual(['no-new-privileges:true']);
    expect([h.MaskedPaths, h.ReadonlyPaths]).toEqual([[], []]);
    expect(h.Devices).toEqual([
      { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/a', PathInContainer: '/dev/b', CgroupPermissions: 'r' },
      { PathOnHost: '/dev/c', PathInContainer: '/dev/d', CgroupPermissions: 'rw' },
    ]);
    expect(h.DeviceCgroupRules).toEqual(['c 1:3 mr']);
  });

  it('ulimits, sysctls, extra_hosts, dns/dns_search/dns_opt, logging', async () => {
    const h = host(
      (await specOf(
        `image: busybox\nulimits: {nproc: 65535, nofile: {soft: "20000", hard: 40000}}\nsysctls: {net.core.somaxconn: 1024, net.ipv4.tcp_syncookies: 0}\nextra_hosts: ["somehost=162.242.195.82", "v6:::1", "gw:host-gateway"]\ndns: 8.8.8.8\ndns_search: [example.com]\ndns_opt: [use-vc]\nlogging: {driver: json-file, options: {max-size: 1m, max-file: 3}}`,
      )).body,
    );
    expect(h.Ulimits).toEqual([{ Name: 'nproc', Soft: 65535, Hard: 65535 }, { Name: 'nofile', Soft: 20000, Hard: 40000 }]);
    expect(h.Sysctls).toEqual({ 'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': '0' });
    expect(h.ExtraHosts).toEqual(['somehost:162.242.195.82', 'v6:::1', 'gw:host-gateway']);
    expect([h.Dns, h.DnsSearch, h.DnsOptions]).toEqual([['8.8.8.8'], ['example.com'], ['use-vc']]);
    expect(h.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '3' } });
  });

  it('memory and CPU: shm_size, mem_*, memswap_limit, cpus, cpu_* (rt in microseconds), cpuset, pids_limit, oom_*', async () => {
    const h = host(
      (await specOf(
        `image: busybox\nshm_size: 64m\nmem_limit: 1g\nmem_reservation: 512m\nmemswap_limit: 2g\nmem_swappiness: 10\ncpus: 0.5\ncpu_shares: "512"\ncpu_quota: 50000\ncpu_period: 100000\ncpu_rt_runtime: 400ms\ncpu_rt_period: 1400\ncpu_count: 2\ncpu_percent: 50\ncpuset: "0-1"\npids_limit: 100\noom_score_adj: -500\noom_kill_disable: true`,
      )).body,
    );
    expect(h).toMatchObject({
      ShmSize: 64 * 2 ** 20,
      Memory: 2 ** 30,
      MemoryReservation: 512 * 2 ** 20,
      MemorySwap: 2 * 2 ** 30,
      MemorySwappiness: 10,
      NanoCpus: 5e8,
      CpuShares: 512,
      CpuQuota: 50000,
      CpuPeriod: 100000,
      CpuRealtimeRuntime: 400000,
      CpuRealtimePeriod: 1400,
      CpuCount: 2,
      CpuPercent: 50,
      CpusetCpus: '0-1',
      PidsLimit: 100,
      OomScoreAdj: -500,
      OomKillDisable: true,
    });
  });

  it('deploy.resources: limits and reservations like docker compose (cpu reservation is swarm-only); gpus', async () => {
    const h = host(
      (await specOf(
        `image: busybox\ndeploy:\n  resources:\n    limits: {cpus: "1.5", memory: 256m, pids: 50}\n    reservations: {cpus: "0.25", memory: 128m, devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]}\ngpus: all`,
      )).body,
    );
    expect(h).toMatchObject({ NanoCpus: 1.5e9, Memory: 256 * 2 ** 20, PidsLimit: 50, MemoryReservation: 128 * 2 ** 20 });
    expect(h.CpuShares).toBeUndefined();
    expect(h.DeviceRequests).toEqual([
      { Driver: 'nvidia', Count: 1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} },
      { Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} },
    ]);
  });

  it('blkio_config, ipc, pid, uts, cgroup (namespace), cgroup_parent, userns_mode, group_add, runtime, storage_opt, isolation', async () => {
    const h = host(
      (await specOf(
        `image: busybox\nblkio_config: {weight: 300, weight_device: [{path: /dev/sda, weight: 400}], device_read_bps: [{path: /dev/sda, rate: 1mb}], device_write_iops: [{path: /dev/sda, rate: 30}]}\nipc: service:other\npid: host\nuts: host\ncgroup: private\ncgroup_parent: m-executor\nuserns_mode: host\ngroup_add: [mail, 42]\nruntime: runc\nstorage_opt: {size: 1G}`,
      )).body,
    );
    expect(h).toMatchObject({
      BlkioWeight: 300,
      BlkioWeightDevice: [{ Path: '/dev/sda', Weight: 400 }],
      BlkioDeviceReadBps: [{ Path: '/dev/sda', Rate: 2 ** 20 }],
      BlkioDeviceWriteIOps: [{ Path: '/dev/sda', Rate: 30 }],
      IpcMode: 'container:demo-other-1',
      PidMode: 'host',
      UTSMode: 'host',
      CgroupnsMode: 'private',
      CgroupParent: 'm-executor',
      UsernsMode: 'host',
      GroupAdd: ['mail', '42'],
      Runtime: 'runc',
      StorageOpt: { size: '1G' },
    });
    expect(h.Cgroup).toBeUndefined();
  });

  it('secrets and configs: files as read-only bind mounts, content/environment as files', async () => {
    const { body, files, dir } = await specOf(
      `image: busybox\nsecrets: [s1, {source: s2, target: custom, mode: 0400, uid: "7"}]\nconfigs: [{source: c1, target: /etc/c.conf}]`,
      'secrets:\n  s1: {file: ./s1.txt}\n  s2: {environment: TOKEN}\nconfigs:\n  c1: {content: "x=1"}\n',
      { 's1.txt': 'secret' },
      { TOKEN: 't' },
    );
    expect(host(body).Mounts).toEqual([{ Type: 'bind', Source: `${dir}/s1.txt`, Target: '/run/secrets/s1', ReadOnly: true }]);
    expect(files).toEqual([
      { path: '/run/secrets/custom', content: 't', mode: 0o400, uid: 7, gid: 0 },
      { path: '/etc/c.conf', content: 'x=1', mode: 0o444, uid: 0, gid: 0 },
    ]);
  });
});

describe('settings API 1.41 cannot honour', () => {
  it('names the service and the key; newer engines pass', async () => {
    const { project } = await load(
      `services:\n  app:\n    image: busybox\n    volumes: [{type: volume, source: d, target: /d, volume: {subpath: x}}]\n    networks: {default: {gw_priority: 5}}\n    annotations: {a: b}\n    healthcheck: {test: "true", start_interval: 1s}\n    post_start: [{command: "true"}]\n    credential_spec: {file: x.json}\n  ok:\n    image: busybox\nvolumes: {d: {}}\n`,
      { projectName: 'demo' },
    );
    expect(unsupportedSettings(project, ['app', 'ok'], '1.41')).toEqual([
      'service app: volumes[0].volume.subpath needs Engine API 1.45 (this engine speaks 1.41)',
      'service app: networks.default.gw_priority needs Engine API 1.48 (this engine speaks 1.41)',
      'service app: annotations needs Engine API 1.43 (this engine speaks 1.41)',
      'service app: healthcheck.start_interval needs Engine API 1.44 (this engine speaks 1.41)',
      'service app: credential_spec cannot be honoured: it applies to Windows containers only',
    ]);
    const recursive = await load(
      `services:\n  app:\n    image: busybox\n    volumes:\n      - {type: bind, source: ., target: /a, bind: {recursive: disabled}}\n      - {type: bind, source: ., target: /b, read_only: true, bind: {recursive: writable}}\n      - {type: bind, source: ., target: /c, bind: {recursive: disabled, selinux: z}}\n`,
      { projectName: 'demo' },
    );
    expect(unsupportedSettings(recursive.project, ['app'], '1.41')).toEqual([
      'service app: volumes[1].bind.recursive: writable needs Engine API 1.44 (this engine speaks 1.41)',
      "service app: volumes[2].bind.selinux with bind.recursive cannot be honoured: the engine's mount API, which bind.recursive needs, cannot relabel for SELinux",
    ]);
    const others = await load(
      `services:\n  app:\n    image: busybox\n    networks: {default: {interface_name: eth7}}\n    models: [llm]\n  ai:\n    provider: {type: model, options: {model: ai/smollm2}}\nmodels:\n  llm: {model: ai/smollm2}\n`,
      { projectName: 'demo' },
    );
    expect(unsupportedSettings(others.project, ['app', 'ai'], '1.41')).toEqual([
      "service ai: provider cannot be honoured: provider services run through docker compose's provider plugins (such as Docker Model Runner), which tcompose does not run",
      'service app: networks.default.interface_name needs Engine API 1.49 (this engine speaks 1.41)',
      'service app: models cannot be honoured: models are served by Docker Model Runner, which tcompose does not drive',
    ]);
    const cdi = await load(`services:\n  app:\n    image: busybox\n    devices: [nvidia.com/gpu=all]\n`, { projectName: 'demo' });
    expect(unsupportedSettings(cdi.project, ['app'], '1.41')).toEqual(['service app: devices (CDI: nvidia.com/gpu=all) needs Engine API 1.44 (this engine speaks 1.41)']);
    const v6only = await load(`services:\n  app:\n    image: busybox\n    networks: [v6]\n  other:\n    image: busybox\nnetworks:\n  v6: {enable_ipv4: false, enable_ipv6: true}\n`, { projectName: 'demo' });
    expect(unsupportedSettings(v6only.project, ['app', 'other'], '1.41')).toEqual(['network v6: enable_ipv4: false needs Engine API 1.47 (this engine speaks 1.41)']);
    expect(unsupportedSettings(v6only.project, ['other'], '1.41')).toEqual([]);
    expect(unsupportedSettings(v6only.project, ['app'], '1.47')).toEqual([]);
    // post_start is carried out (as an exec), so it is not among them.
    expect(unsupportedSettings(project, ['app'], '1.48')).toEqual(['service app: credential_spec cannot be honoured: it applies to Windows containers only']);
    expect(unsupportedSettings(project, ['ok'], '1.41')).toEqual([]);
  });
});

describe('content digest of secrets and configs', () => {
  it('changes with file content, inline content and the environment value; unknown file → undefined', async () => {
    const { project } = await load(
      `services:\n  app:\n    image: busybox\n    secrets: [f, e]\n    configs: [c]\nsecrets:\n  f: {file: ./f.txt}\n  e: {environment: TOKEN}\nconfigs:\n  c: {content: "x"}\n`,
      { projectName: 'demo', environment: { TOKEN: 'a' } },
    );
    const app = project.services.app!;
    const file = project.secrets.f!.file!;
    const d1 = contentDigest(project, app, new Map([[file, 'aaaa']]))!;
    expect(d1.split(';').map((e) => e.split(':')[0])).toEqual(['configs.c', 'secrets.e', 'secrets.f']);
    expect(contentDigest(project, app, new Map([[file, 'bbbb']]))).not.toBe(d1);
    expect(contentDigest({ ...project, environment: { TOKEN: 'b' } }, app, new Map([[file, 'aaaa']]))).not.toBe(d1);
    expect(contentDigest(project, app, new Map())).toBeUndefined();
  });
});
