// The offline stand-ins for official images (scripts/standin-images.sh) honour the official
// images' environment contracts. Talks to the engine with the docker CLI, independent of tcompose.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const id = `tc-standins-${randomBytes(4).toString('hex')}`;
const network = id;
const containers: string[] = [];
let initDir = '';

async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** Like docker(), but resolves to the exit code and output instead of throwing. */
async function dockerResult(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('docker', args, { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: stdout.trim(), stderr: stderr.trim() };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: (e.stdout ?? '').trim(), stderr: (e.stderr ?? '').trim() };
  }
}

async function startContainer(name: string, args: string[]): Promise<string> {
  const full = `${id}-${name}`;
  containers.push(full);
  await docker('run', '-d', '--name', full, '--network', network, ...args);
  return full;
}

/** Polls fn until it returns a value other than undefined; fails with the last error after timeoutMs. */
async function waitFor<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${String(last ?? 'no result')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function logsOf(container: string): Promise<string> {
  const r = await dockerResult('logs', '--tail', '40', container);
  return `${r.stdout}\n${r.stderr}`;
}

const mysqlEnv = [
  '-e', 'MYSQL_ROOT_PASSWORD=rootpw',
  '-e', 'MYSQL_DATABASE=appdb',
  '-e', 'MYSQL_USER=appuser',
  '-e', "MYSQL_PASSWORD=app'pw",
];
// The option list of the classic WordPress example: MariaDB must accept it.
const mysqlArgs = [
  '--default_authentication_plugin=mysql_native_password',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_unicode_ci',
];

beforeAll(async () => {
  // Idempotent: a no-op when the stand-ins are up to date, about a minute on a fresh engine.
  await run('bash', [join(root, 'scripts/standin-images.sh')], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  await docker('network', 'create', network);
  initDir = mkdtempSync(join(tmpdir(), 'tc-standins-'));
  chmodSync(initDir, 0o755); // the entrypoint reads it as the postgres user
  writeFileSync(join(initDir, '01-schema.sql'), 'CREATE TABLE items (name text);\nINSERT INTO items VALUES (\'seeded\');\n');
}, 600_000);

afterAll(async () => {
  if (containers.length > 0) await dockerResult('rm', '-f', '-v', ...containers);
  await dockerResult('network', 'rm', network);
  if (initDir) rmSync(initDir, { recursive: true, force: true });
}, 60_000);

describe('mysql:8.0 stand-in', () => {
  it('initialises from MYSQL_* and accepts MYSQL_USER over TCP with the MySQL 8 options', async () => {
    const db = await startContainer('mysql', [...mysqlEnv, 'mysql:8.0', ...mysqlArgs]);
    const query = 'SELECT CURRENT_USER(), DATABASE(), @@character_set_server, @@collation_server';
    const row = await waitFor('mysql to accept appuser', 60_000, async () => {
      const r = await dockerResult('exec', db, 'mysql', '-h', '127.0.0.1', '-uappuser', "-papp'pw", 'appdb', '-N', '-B', '-e', query);
      return r.code === 0 ? r.stdout : undefined;
    }).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await logsOf(db)}`);
    });
    expect(row.split('\t')).toEqual(['appuser@%', 'appdb', 'utf8mb4', 'utf8mb4_unicode_ci']);

    expect((await dockerResult('exec', db, 'mysqladmin', 'ping')).code).toBe(0);
    const wrong = await dockerResult('exec', db, 'mysql', '-h', '127.0.0.1', '-uappuser', '-pwrong', '-e', 'SELECT 1');
    expect(wrong.code).not.toBe(0);

    // The server is PID 1 and shuts down on SIGTERM, well before the 10 s kill.
    const started = Date.now();
    await docker('stop', db);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', db)).toBe('0');
  }, 120_000);

  it('refuses to initialise without a root password option', async () => {
    const name = `${id}-mysql-nopw`;
    containers.push(name);
    const r = await dockerResult('run', '--name', name, 'mysql:8.0');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('MYSQL_ROOT_PASSWORD');
  }, 60_000);
});

describe('postgres:16 stand-in', () => {
  it('accepts POSTGRES_USER/PASSWORD over TCP from another container and ran the init scripts', async () => {
    const pg = await startContainer('postgres', [
      '-e', 'POSTGRES_USER=app', '-e', 'POSTGRES_PASSWORD=s3cret', '-e', 'POSTGRES_DB=appdb',
      '-v', `${initDir}:/docker-entrypoint-initdb.d:ro`,
      'postgres:16',
    ]);
    await waitFor('pg_isready', 60_000, async () => {
      const r = await dockerResult('exec', pg, 'pg_isready', '-h', '127.0.0.1', '-U', 'app', '-d', 'appdb');
      return r.code === 0 ? true : undefined;
    }).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await logsOf(pg)}`);
    });
    const psql = (password: string) =>
      dockerResult('run', '--rm', '--network', network, '-e', `PGPASSWORD=${password}`, 'postgres:16',
        'psql', '-h', pg, '-U', 'app', '-d', 'appdb', '-Atc', 'SELECT current_user, name FROM items');
    const ok = await psql('s3cret');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('app|seeded');
    const denied = await psql('wrong');
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('password authentication failed');
  }, 120_000);
});

describe('redis:7 stand-in', () => {
  it('answers PING from another container', async () => {
    const redis = await startContainer('redis', ['redis:7']);
    const reply = await waitFor('redis PING', 30_000, async () => {
      const r = await dockerResult('run', '--rm', '--network', network, 'redis:7', 'redis-cli', '-h', redis, 'ping');
      return r.code === 0 && r.stdout === 'PONG' ? r.stdout : undefined;
    });
    expect(reply).toBe('PONG');
  }, 60_000);
});

describe('wordpress:latest stand-in with mysql:8.0', () => {
  it('redirects to the installer on a fresh database and installs over HTTP', async () => {
    // WordPress first: it must keep retrying until the database comes up.
    const wp = await startContainer('wordpress', [
      '-p', '127.0.0.1::80',
      '-e', `WORDPRESS_DB_HOST=${id}-wpdb:3306`,
      '-e', 'WORDPRESS_DB_USER=wordpress',
      '-e', 'WORDPRESS_DB_PASSWORD=wordpress',
      'wordpress:latest',
    ]);
    const hostPort = (await docker('port', wp, '80/tcp')).split('\n')[0]!;
    const base = `http://${hostPort}`;
    await startContainer('wpdb', [
      '-e', 'MYSQL_ROOT_PASSWORD=somewordpress', '-e', 'MYSQL_DATABASE=wordpress',
      '-e', 'MYSQL_USER=wordpress', '-e', 'MYSQL_PASSWORD=wordpress',
      'mysql:8.0', ...mysqlArgs,
    ]);

    const location = await waitFor('the installer redirect', 60_000, async () => {
      // A deadline per try: a connection reset by the port proxy can leave fetch pending forever.
      const res = await fetch(`${base}/`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      return res.status === 302 ? res.headers.get('location') : undefined;
    }).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${await logsOf(wp)}`);
    });
    expect(location).toBe(`${base}/wp-admin/install.php`);

    const form = new URLSearchParams({
      weblog_title: 'Stand-in test',
      user_name: 'admin',
      admin_password: 'correct horse battery',
      admin_password2: 'correct horse battery',
      pw_weak: 'on',
      admin_email: 'admin@example.com',
      blog_public: '0',
    });
    const install = await fetch(`${base}/wp-admin/install.php?step=2`, { method: 'POST', body: form, signal: AbortSignal.timeout(120_000) });
    expect(install.status).toBe(200);
    expect(await install.text()).toContain('Success!');

    const home = await fetch(`${base}/`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Stand-in test');
  }, 120_000);
});
