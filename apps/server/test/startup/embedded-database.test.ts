import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { ApiClient } from '../support/api-client';
import { TEST_REDIS_URL } from '../support/env';
import { deleteRedisPrefix } from '../support/test-app';

let sim: Simulator;
const dataDir = mkdtempSync(join(tmpdir(), 'recflow-embedded-'));
const config = AppConfig.fromEnv({}).with({
  RECFLOW_DATA_DIR: dataDir,
  SERVER_REDIS_URL: TEST_REDIS_URL,
  SERVER_REDIS_PREFIX: `recflow_test_embedded_${process.pid}`,
  APP_HOST: '127.0.0.1',
});

async function withApp<T>(fn: (client: ApiClient) => Promise<T>): Promise<T> {
  const opened = await createApp(config.with({ STREAMQ_URL: sim.url }), { logger: false });
  try {
    await opened.app.listen(0, '127.0.0.1');
    const { port } = opened.app.getHttpServer().address() as { port: number };
    expect(opened.database.kind).toBe('embedded');
    return await fn(new ApiClient(`http://127.0.0.1:${port}`));
  } finally {
    await opened.close();
  }
}

beforeAll(async () => {
  sim = await startSimulator();
  sim.world.addChannel({ platform: 'chzzk', sourceId: 'embedded1', username: 'Embedded One' });
});
afterAll(async () => {
  await sim?.close();
  await deleteRedisPrefix(TEST_REDIS_URL, config.values.SERVER_REDIS_PREFIX);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database (no DATABASE_URL)', () => {
  it('migrates on first start, serves the API, and keeps its data across restarts', async () => {
    await withApp(async (client) => {
      const ready = await client.call(api.health.ready);
      expect(ready.body).toMatchObject({ ready: true, checks: { database: { detail: 'embedded' } } });
      await client.ok(api.channels.create, {
        body: { platformName: 'chzzk', sourceId: 'embedded1', tagNames: ['x'] },
      });
    });
    await withApp(async (client) => {
      const page = await client.ok(api.channels.query, { query: { it: 'x', wt: 'true' } });
      expect(page.channels.map((c) => c.username)).toEqual(['Embedded One']);
      expect(page.total).toBe(1);
      const unknownExcluded = await client.ok(api.channels.query, { query: { it: 'x', et: 'nope' } });
      expect(unknownExcluded.total).toBe(1);
      const unknownIncluded = await client.ok(api.channels.query, { query: { it: 'x,nope' } });
      expect(unknownIncluded).toMatchObject({ channels: [], total: 0 });
      const ready = await client.call(api.health.ready);
      expect(ready.body).toMatchObject({ checks: { migrations: { ok: true } } });
    });
  });
});
