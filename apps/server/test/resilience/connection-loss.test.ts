/**
 * PostgreSQL cutting a connection that recflow has checked out (in the middle of a transaction,
 * between two statements) must fail that transaction, not the process: the pool's own error
 * listener covers only idle connections, so an unhandled 'error' event on a checked-out one would
 * crash the server. Vitest fails the run on any uncaught error, so the test proves both halves.
 */
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openPostgres } from '../../src/db/database';
import { TEST_ADMIN_DATABASE_URL } from '../support/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

let testDb: TestDatabase;
let database: Database;
let admin: Client;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openPostgres(testDb.url, 2);
  admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await database?.close();
  await testDb?.drop();
});

const rowsOf = async <T>(db: Database['db'], query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

it('fails the transaction whose connection was cut, and keeps serving on a new one', async () => {
  let cutPid = 0;
  const transaction = database.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
    cutPid = row!.pid;
    await admin.query('select pg_terminate_backend($1)', [cutPid]);
    // Between statements: the client hears of the lost connection while no query is running.
    await waitFor(
      async () =>
        (await admin.query('select 1 from pg_stat_activity where pid = $1', [cutPid])).rowCount === 0,
      { timeoutMs: 5_000, intervalMs: 20, what: 'the backend to go' },
    );
    await new Promise((r) => setTimeout(r, 100));
    await tx.execute(sql`select 1`);
  });
  await expect(transaction).rejects.toThrow();

  const [after] = await rowsOf<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
  expect(after!.pid).not.toBe(cutPid);
});
