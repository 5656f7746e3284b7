/**
 * Starts recflow for one test file: its own PostgreSQL database (cloned from the template), its
 * own Redis key prefix, listening on a random loopback port. `close()` removes all of it.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import { createApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import type { ConfigValues } from '../../src/config/config.schema';
import type { Database } from '../../src/db/database';
import { ApiClient } from './api-client';
import { TEST_REDIS_URL } from './env';
import { createTestDatabase } from './test-database';

export interface TestApp {
  url: string;
  api: ApiClient;
  app: INestApplication;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startTestApp(overrides: Partial<ConfigValues> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const prefix = `recflow_test_${randomBytes(4).toString('hex')}`;
  const config = AppConfig.fromEnv({}).with({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: 5,
    SERVER_REDIS_URL: TEST_REDIS_URL,
    SERVER_REDIS_PREFIX: prefix,
    APP_HOST: '127.0.0.1',
    APP_PORT: 0,
    LOG_LEVEL: 'error',
    HTTP_TIMEOUT_MS: 2_000,
    // Scheduled tasks would change data under the tests' feet; tests that want them turn them on.
    SCHEDULER_ENABLED: false,
    // The recnode Redis is shared by every test run on the machine: let test states expire soon.
    LIVE_STATE_EXPIRE_SEC: 900,
    ...overrides,
  });
  const opened = await createApp(config, { logger: ['fatal', 'error'] });
  await opened.app.listen(0, '127.0.0.1');
  const address = opened.app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    api: new ApiClient(url),
    app: opened.app,
    database: opened.database,
    config,
    async close() {
      await opened.close();
      await deleteRedisPrefix(TEST_REDIS_URL, prefix);
      await db.drop();
    },
  };
}
