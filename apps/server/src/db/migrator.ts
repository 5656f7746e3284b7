/**
 * Applies the committed migrations under drizzle/ at start-up. Idempotent, and safe with several
 * replicas starting at once: on PostgreSQL the run holds an advisory lock.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database, Db } from './database';

export const MIGRATIONS_DIR = resolve(__dirname, '../../../../drizzle');
const LOCK_KEY = 7_042_001; // arbitrary, constant: "recflow migrations"

export function expectedMigrationCount(dir = MIGRATIONS_DIR): number {
  const journal = JSON.parse(readFileSync(resolve(dir, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function applyMigrations(database: Database, dir = MIGRATIONS_DIR): Promise<void> {
  if (database.kind === 'embedded') {
    await migratePglite(database.db as never, { migrationsFolder: dir });
    return;
  }
  await database.withConnection(async (conn) => {
    await conn.execute(sql`select pg_advisory_lock(${LOCK_KEY})`);
    try {
      await migratePg(conn as never, { migrationsFolder: dir });
    } finally {
      await conn.execute(sql`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}

export async function appliedMigrationCount(db: Db): Promise<number> {
  const result = (await db.execute(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  )) as unknown as {
    rows: Array<{ n: number }>;
  };
  return Number(result.rows[0]?.n ?? 0);
}
