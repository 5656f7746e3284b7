/**
 * A migrated template database, named after a hash of the migrations, so each test file can
 * clone a fresh database in milliseconds (CREATE DATABASE … TEMPLATE). Safe to call from several
 * processes at once: creation holds an advisory lock.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client } from 'pg';
import { MIGRATIONS_DIR } from '../../src/db/migrator';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from './env';

const LOCK_KEY = 7_042_002;

export function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return `recflow_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) {
      const building = `${name}_building`;
      await admin.query(`drop database if exists "${building}"`);
      await admin.query(`create database "${building}"`);
      const client = new Client({ connectionString: databaseUrl(building) });
      await client.connect();
      try {
        await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.end();
      }
      await admin.query(`alter database "${building}" rename to "${name}"`);
      // Older templates (from previous migration sets) are no longer needed.
      const old = await admin.query(
        "select datname from pg_database where datname like 'recflow_tpl_%' and datname <> $1",
        [name],
      );
      for (const row of old.rows as Array<{ datname: string }>) {
        await admin.query(`drop database if exists "${row.datname}"`).catch(() => undefined);
      }
    }
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await admin.end();
  }
}
