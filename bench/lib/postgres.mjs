/**
 * Benchmark databases on a real PostgreSQL: each suite gets a fresh database it names, dropped at
 * the end unless BENCH_KEEP_DB=1 (handy for looking at plans by hand afterwards).
 */
import { serverDependency, serverModule } from './server.mjs';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KEEP = process.env.BENCH_KEEP_DB === '1';

function urlFor(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql) {
  const { Client } = serverDependency('pg');
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A single connection to `url`, for session settings that must hold across statements. */
export async function connect(url) {
  const { Client } = serverDependency('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Drops and recreates `name`, applies the server's migrations through its own migrator and opens
 * it as the server would. `dispose()` closes the pool and drops the database (unless kept).
 */
export async function freshDatabase(name, { poolSize = 4 } = {}) {
  const { openPostgres } = serverModule('db/database.js');
  const { applyMigrations } = serverModule('db/migrator.js');
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  const url = urlFor(name);
  const database = openPostgres(url, poolSize);
  await applyMigrations(database);
  return {
    url,
    database,
    kept: KEEP,
    async dispose() {
      await database.close();
      if (!KEEP) await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}
