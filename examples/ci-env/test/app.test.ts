// Tests against the environment global-setup.ts started: the migration ran, PostgreSQL answers
// on its published port, and the app talks to Redis.
import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';

describe('CI environment', () => {
  it('PostgreSQL holds what the migration wrote', async () => {
    const client = new pg.Client({ connectionString: inject('postgresUrl') });
    await client.connect();
    try {
      const { rows } = await client.query<{ text: string }>('SELECT text FROM greetings WHERE id = 1');
      expect(rows).toEqual([{ text: 'hello from the migration' }]);
    } finally {
      await client.end();
    }
  });

  it('the app is healthy and counts hits in Redis', async () => {
    const base = inject('appUrl');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const first = (await (await fetch(`${base}/cgi-bin/hits`)).json()) as { hits: number };
    const second = (await (await fetch(`${base}/cgi-bin/hits`)).json()) as { hits: number };
    expect(second.hits).toBe(first.hits + 1);
  });
});
