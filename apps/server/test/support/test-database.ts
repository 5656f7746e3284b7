/** One fresh PostgreSQL database per test file, cloned from the template and dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from './env';
import { ensureTemplateDatabase } from './template-database';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplateDatabase();
  const name = `recflow_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}" template "${template}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}
