import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { diagnostics, errors, load } from './helpers.js';
import { formatDiagnostic } from '../../../src/errors.js';

describe('schema errors, located', () => {
  it('reports every problem at once, in file order, with suggestions', async () => {
    expect(
      await errors(`services:
  web:
    image: [1]
    enviroment:
      A: 1
    restart: 5
    depends_on:
      db:
        condition: service_healty
  db:
    image: postgres
    volumes: "x"
networks:
  n: {driver: 3}
volumes: []
`),
    ).toEqual([
      '3:12 services.web.image must be a string',
      '4:5 services.web.enviroment: `enviroment` is not allowed here (did you mean `environment`?)',
      '6:14 services.web.restart must be a string',
      '9:20 services.web.depends_on.db.condition must be one of: "service_started", "service_healthy", "service_completed_successfully" (did you mean "service_healthy"?)',
      '12:14 services.db.volumes must be a list',
      '14:15 networks.n.driver must be a string',
      '15:10 volumes must be a mapping or null',
    ]);
  });

  it('prints file:line:col, the message, the hint and a code frame', async () => {
    const [d] = await diagnostics('services:\n  web:\n    image: nginx\n    enviroment: {}\n');
    expect(formatDiagnostic(d!)).toBe(
      [
        'compose.yaml:4:5: services.web.enviroment: `enviroment` is not allowed here (did you mean `environment`?)',
        '  3 |     image: nginx',
        '> 4 |     enviroment: {}',
        '    |     ^',
      ].join('\n'),
    );
  });

  it('reports YAML syntax errors at their place', async () => {
    expect(await errors('services:\n  a:\n    image: x\n   bad: y\n')).toEqual(['4:1 All mapping items must start at the same column']);
    expect(await errors('services:\n  a:\n    image: x\n    image: y\n')).toEqual(['4:5 Map keys must be unique']);
    expect(await errors('')).toEqual(['1:1 empty compose file']);
    expect(await errors('- a\n')).toEqual(['1:1 the top level of a compose file must be a mapping']);
  });

  it('reports bad short syntax found while normalizing', async () => {
    expect(
      await errors('services:\n  a:\n    image: x\n    ports: ["80:http", "1-3:5-6"]\n    volumes: ["a:b:c:d", "./x:/y:bogus"]\n    stop_grace_period: 10 parsecs\n'),
    ).toEqual([
      '4:13 invalid port "80:http": "http" is not a port or range (write [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "8080:80")',
      '4:24 invalid port "1-3:5-6": the host and container port ranges differ in size (write [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "8080:80")',
      '5:15 invalid volume "a:b:c:d" (write SOURCE:TARGET[:MODE] or TARGET)',
      '5:26 invalid volume mode "bogus" in "./x:/y:bogus" (use ro, rw, z, Z, nocopy or a propagation mode)',
      '6:24 invalid duration "10 parsecs" (use a Go duration such as "30s", "1m30s" or "500ms")',
    ]);
  });
});

describe('consistency checks', () => {
  it('reports undefined references, conflicts and duplicate ports', async () => {
    expect(
      await errors(`services:
  a:
    image: x
    depends_on: [b, dbb]
    networks: [front]
    volumes: [data:/d]
    secrets: [s]
    configs: [c]
  db:
    image: y
    network_mode: service:a
    networks: [default]
    container_name: c
    scale: 2
    ports: ["80:80"]
  c:
    image: z
    ports: ["80:80"]
networks:
  ext: {external: true, driver: overlay}
`),
    ).toEqual([
      '4:18 service "a" depends on undefined service "b"',
      '4:21 service "a" depends on undefined service "dbb" (did you mean "db"?)',
      '5:16 service "a" refers to undefined network "front"',
      '6:15 service "a" refers to undefined volume "data" (declare it under the top-level `volumes:`)',
      '7:15 service "a" refers to undefined secret "s"',
      '8:15 service "a" refers to undefined config "c"',
      '11:19 service "db" declares both network_mode and networks, which cannot be used together',
      '13:21 service "db" sets container_name "c" but asks for 2 replicas; container names must be unique',
      '15:13 host port 80/tcp is published by both "c" and "db"',
      '20:25 conflicting parameters "external" and "driver" specified for network "ext"',
    ]);
  });

  it('spells dependency cycles, also through links, network_mode and volumes_from', async () => {
    expect(await errors('services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n')).toEqual([
      '4:18 dependency cycle: a -> b -> c -> a',
    ]);
    expect(
      await errors('services:\n  a:\n    image: x\n    links: ["b:alias"]\n  b:\n    image: x\n    network_mode: service:c\n  c:\n    image: x\n    volumes_from: [a:ro]\n'),
    ).toEqual(['4:13 dependency cycle: a -> b -> c -> a']);
    expect(await errors('services:\n  a:\n    image: x\n    ipc: service:a\n')).toEqual(['4:10 dependency cycle: a -> a']);
  });
});

describe('interpolation', () => {
  const env = { SET: 'v', EMPTY: '' };
  const cases: [string, string][] = [
    ['$SET', 'v'],
    ['${SET}', 'v'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${SET}-x}', 'v-x'],
    ['${UNSET:-${ALSO:-deep}}', 'deep'],
    ['$$SET and $$$SET', '$SET and $v'],
    ['cost $5', 'cost $5'],
  ];
  it.each(cases)('%s → %s', async (input, expected) => {
    const { project } = await load(`services:\n  a:\n    image: x\n    labels:\n      v: '${input}'\n`, { environment: env });
    expect(project.services.a!.labels!.v).toBe(expected);
  });

  it('errors name the variable and the place; unset variables warn once', async () => {
    expect(await errors('services:\n  a:\n    image: ${IMG:?set IMG please}\n    command: ${BAD\n    user: ${NOPE?}\n')).toEqual([
      '3:12 required variable IMG is missing a value: set IMG please',
      '4:14 invalid interpolation format: "${BAD"; you may need to escape any $ with another $',
      '5:11 required variable NOPE is missing a value',
    ]);
    const { warnings, project } = await load('services:\n  a:\n    image: x${U}\n    user: ${U}\n');
    expect(warnings).toEqual(['The "U" variable is not set. Defaulting to a blank string.']);
    expect(project.services.a!.image).toBe('x');
  });

  it('turns interpolated numbers and booleans back into their types', async () => {
    const { project } = await load('services:\n  a:\n    image: x\n    scale: ${N}\n    read_only: ${RO}\n    ports:\n      - target: ${P}\n        published: ${P}\n', {
      environment: { N: '2', RO: 'true', P: '80' },
    });
    expect(project.services.a!.scale).toBe(2);
    expect(project.services.a!.read_only).toBe(true);
    expect(project.services.a!.ports).toEqual([{ mode: 'ingress', target: 80, published: '80', protocol: 'tcp' }]);
  });

  it('reads .env from the project directory; the shell wins; --env-file replaces it', async () => {
    const files = {
      'compose.yaml': 'services:\n  a:\n    image: ${IMG}:${TAG}\n',
      '.env': '\ufeff# comment\nexport IMG=from-dotenv\nTAG="1.0" # trailing\n',
      'other.env': "IMG='other'\nTAG=2\n",
    };
    expect((await load(files)).project.services.a!.image).toBe('from-dotenv:1.0');
    expect((await load(files, { environment: { TAG: 'shell' } })).project.services.a!.image).toBe('from-dotenv:shell');
    const { project, dir } = await load(files, { envFiles: ['other.env'] });
    expect(project.services.a!.image).toBe('other:2');
    expect(dir).toBeTruthy();
    expect(await errors(files, { envFiles: ['missing.env'] })).toEqual([expect.stringMatching(/^couldn't find env file: .*missing\.env$/)]);
  });

  it('--no-interpolate keeps the text', async () => {
    const { project } = await load('services:\n  a:\n    image: ${IMG:-x}\n', { interpolate: false });
    expect(project.services.a!.image).toBe('${IMG:-x}');
  });
});

describe('env_file', () => {
  it('reads service env files (list and long form, required, raw) under environment', async () => {
    const { project } = await load({
      'compose.yaml': `services:
  a:
    image: x
    env_file:
      - a.env
      - path: missing.env
        required: false
      - path: raw.env
        format: raw
    environment:
      B: from-environment
`,
      'a.env': 'A=1\nB=2\nMULTI="line1\nline2"\nREF=${A}-x\n',
      'raw.env': 'RAW="quoted ${A}"\n',
    });
    expect(project.services.a!.environment).toEqual({ A: '1', B: 'from-environment', MULTI: 'line1\nline2', REF: '1-x', RAW: '"quoted ${A}"' });
    expect(await errors({ 'compose.yaml': 'services:\n  a:\n    image: x\n    env_file: nope.env\n' })).toEqual([expect.stringMatching(/^4:15 env file .*\/nope\.env not found$/)]);
  });
});

describe('merging', () => {
  it('merges -f files by the specification rules', async () => {
    const { project, dir } = await load(
      {
        'a.yml': `services:
  web:
    image: web:1
    command: [run, a]
    environment: [A=1, B=1]
    ports: ["80:80"]
    volumes: ["./a:/data", "logs:/logs"]
    dns: 1.1.1.1
    labels: {x: "1"}
    depends_on: [db]
    logging: {driver: json-file, options: {max-size: 1m}}
  db:
    image: pg
volumes:
  logs:
`,
        'b.yml': `services:
  web:
    command: run b
    environment: {B: 2, C: 3}
    ports: ["80:80", "443:443"]
    volumes: ["./b:/data"]
    dns: [8.8.8.8]
    labels: [y=2]
    depends_on: {db: {condition: service_healthy}}
    logging: {driver: syslog}
`,
      },
      { files: ['a.yml', 'b.yml'] },
    );
    const web = project.services.web!;
    expect(web.image).toBe('web:1');
    expect(web.command).toEqual(['run', 'b']);
    expect(web.environment).toEqual({ A: '1', B: '2', C: '3' });
    expect(web.ports!.map((p) => p.published)).toEqual(['80', '443']);
    expect(web.volumes!.map((v) => [v.source, v.target])).toEqual([
      [join(dir, 'b'), '/data'],
      ['logs', '/logs'],
    ]);
    expect(web.dns).toEqual(['1.1.1.1', '8.8.8.8']);
    expect(web.labels).toEqual({ x: '1', y: '2' });
    expect(web.depends_on).toEqual({ db: { condition: 'service_healthy', required: true } });
    expect(web.logging).toEqual({ driver: 'syslog' });
  });

  it('validates after merging: a partial override file is fine', async () => {
    const { project } = await load({ 'compose.yaml': 'services:\n  a:\n    image: x\n', 'compose.override.yaml': 'services:\n  a:\n    ports: [80]\n' });
    expect(project.services.a!.ports).toHaveLength(1);
  });

  it('locates errors in the file that wrote the value', async () => {
    const d = await diagnostics({ 'compose.yaml': 'services:\n  a:\n    image: x\n', 'compose.override.yaml': 'services:\n  a:\n    tty: maybe\n' });
    expect(d.map((x) => `${x.location?.file}:${x.location?.line}:${x.location?.col} ${x.message}`)).toEqual(['compose.override.yaml:3:10 services.a.tty must be a boolean']);
  });

  it('supports anchors, merge keys, x- extensions, !reset and !override', async () => {
    const { project } = await load(
      {
        'a.yml': `x-common: &common
  restart: always
  environment: {A: "1"}
services:
  web:
    <<: *common
    image: x
    ports: ["80:80"]
    environment: {B: "2"}
  job:
    <<: *common
    image: y
    labels: {l: "1"}
`,
        'b.yml': `services:
  web:
    ports: !reset []
    environment: !override {C: "3"}
  job:
    restart: !reset null
`,
      },
      { files: ['a.yml', 'b.yml'] },
    );
    expect(project.services.web!.ports).toBeUndefined();
    expect(project.services.web!.environment).toEqual({ C: '3' });
    expect(project.services.web!.restart).toBe('always');
    expect(project.services.job!.restart).toBeUndefined();
    expect(project.services.job!.environment).toEqual({ A: '1' });
    expect(project.extensions['x-common']).toEqual({ restart: 'always', environment: { A: '1' } });
  });
});

describe('extends', () => {
  it('extends services of the same file and of other files, with their paths', async () => {
    const { project, dir } = await load({
      'compose.yaml': `services:
  base:
    image: base
    environment: {A: "1"}
  web:
    extends: base
    environment: {B: "2"}
  remote:
    extends:
      file: common/services.yml
      service: app
    command: override
`,
      'common/services.yml': 'services:\n  app:\n    build: ./ctx\n    command: original\n    env_file: app.env\n',
      'common/app.env': 'FROM_FILE=yes\n',
    });
    expect(project.services.web).toMatchObject({ image: 'base', environment: { A: '1', B: '2' } });
    expect(project.services.web!.extends).toBeUndefined();
    expect(project.services.remote!.build).toEqual({ context: join(dir, 'common/ctx') });
    expect(project.services.remote!.command).toEqual(['override']);
    expect(project.services.remote!.environment).toEqual({ FROM_FILE: 'yes' });
  });

  it('reports cycles and unknown bases', async () => {
    expect(await errors('services:\n  a:\n    extends: b\n  b:\n    extends: a\n')).toEqual([
      '3:14 circular reference with extends: a -> b -> a',
      '5:14 circular reference with extends: b -> a -> b',
    ]);
    expect(await errors('services:\n  a:\n    image: x\n    extends: {service: nope}\n')).toEqual(['4:14 cannot extend service "a": service "nope" not found']);
  });
});

describe('include', () => {
  it('includes projects with their own directory and env, and detects cycles and conflicts', async () => {
    const { project, dir } = await load({
      'compose.yaml': 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n',
      'sub/compose.yaml': 'services:\n  db:\n    image: ${DB_IMAGE}\n    volumes: ["./data:/data"]\n',
      'sub/.env': 'DB_IMAGE=postgres:16\n',
    });
    expect(project.services.db!.image).toBe('postgres:16');
    expect(project.services.db!.volumes![0]!.source).toBe(join(dir, 'sub/data'));
    expect(
      await errors({ 'compose.yaml': 'include: [b.yaml]\nservices:\n  a:\n    image: x\n', 'b.yaml': 'include: [compose.yaml]\nservices:\n  b:\n    image: y\n' }),
    ).toEqual(['1:11 include cycle: compose.yaml -> b.yaml -> compose.yaml']);
    expect(
      await errors({ 'compose.yaml': 'include: [b.yaml]\nservices:\n  b:\n    image: x\n', 'b.yaml': 'services:\n  b:\n    image: y\n' }),
    ).toEqual(['3:3 services.b conflicts with imported resource from b.yaml']);
  });
});

describe('profiles', () => {
  const file = `services:
  web:
    image: x
  debug:
    image: y
    profiles: [dev]
  tool:
    image: z
    profiles: [tools]
    depends_on: [helper]
  helper:
    image: h
    profiles: [tools]
`;
  it('enables services by --profile, COMPOSE_PROFILES, "*" or by naming them', async () => {
    expect(Object.keys((await load(file)).project.services)).toEqual(['web']);
    expect(Object.keys((await load(file)).project.disabledServices)).toEqual(['debug', 'helper', 'tool']);
    expect(Object.keys((await load(file, { profiles: ['dev'] })).project.services)).toEqual(['debug', 'web']);
    expect(Object.keys((await load(file, { environment: { COMPOSE_PROFILES: 'dev,tools' } })).project.services)).toEqual(['debug', 'helper', 'tool', 'web']);
    expect(Object.keys((await load(file, { profiles: ['*'] })).project.services)).toHaveLength(4);
    expect(Object.keys((await load(file, { services: ['tool'] })).project.services)).toEqual(['helper', 'tool', 'web']);
  });
  it('refuses a dependency that its profiles leave out', async () => {
    expect(await errors('services:\n  web:\n    image: x\n    depends_on: [db]\n  db:\n    image: y\n    profiles: [db]\n')).toEqual([
      '4:18 service "db" was pulled in as a dependency of service "web" but is not enabled by the active profiles (add a common profile to "db" and "web")',
    ]);
  });
});
