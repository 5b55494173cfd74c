// The example stacks load as users run them: the WordPress file as copied from the docs, the CI
// environment, and the dev/prod overlays merged the way docker compose merges them.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadProject } from '../../src/loader/index.js';
import { REPO } from '../helpers/engine.js';

const ex = (name: string): string => join(REPO, 'examples', name);

describe('examples', () => {
  it('wordpress: the users\' file loads with only the obsolete-version warning', async () => {
    const warnings: string[] = [];
    const p = await loadProject({ cwd: ex('wordpress'), environment: {}, onWarning: (w) => warnings.push(w) });
    expect(p.name).toBe('wordpress');
    expect(warnings).toEqual([expect.stringContaining('the attribute `version` is obsolete')]);
    expect(p.services.db!.command).toEqual([
      '--default_authentication_plugin=mysql_native_password',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
    ]);
    expect(p.services.wordpress!.depends_on).toEqual({ db: { condition: 'service_started', required: true } });
    expect(p.services.wordpress!.ports).toEqual([{ target: 80, published: '8020', protocol: 'tcp', mode: 'ingress' }]);
    expect(p.volumes.db_data!.name).toBe('wordpress_db_data');
  });

  it('ci-env: health-gated dependencies and the one-shot migration', async () => {
    const p = await loadProject({ cwd: ex('ci-env'), environment: {} });
    expect(p.services.app!.depends_on).toEqual({
      postgres: { condition: 'service_healthy', required: true },
      redis: { condition: 'service_healthy', required: true },
      migrate: { condition: 'service_completed_successfully', required: true },
    });
    expect(p.services.app!.build?.context).toBe(join(ex('ci-env'), 'app'));
  });

  it('dev-prod: the override is merged by default, the prod overlay when named', async () => {
    const dev = await loadProject({ cwd: ex('dev-prod'), environment: {} });
    expect(dev.configFiles).toEqual([join(ex('dev-prod'), 'compose.yaml'), join(ex('dev-prod'), 'compose.override.yaml')]);
    expect(dev.services.web!.environment).toMatchObject({ APP_ENV: 'development', CACHE_URL: 'redis://cache:6379' });
    expect(dev.services.web!.ports).toEqual([{ target: 80, published: '8030', host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }]);

    const prod = await loadProject({ cwd: ex('dev-prod'), environment: {}, files: ['compose.yaml', 'compose.prod.yaml'] });
    expect(prod.services.web!.environment).toMatchObject({ APP_ENV: 'production' });
    expect(prod.services.web!.volumes ?? []).toEqual([]);
    expect(prod.services.web!.image).toBe('dev-prod-web:prod');
    expect(prod.services.cache!.volumes).toEqual([{ type: 'volume', source: 'cache_data', target: '/data' }]);
  });
});
