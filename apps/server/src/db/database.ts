/**
 * The database handle: a pg pool when DATABASE_URL is set, embedded PostgreSQL (PGlite, stored in
 * RECFLOW_DATA_DIR) otherwise. Both speak the same SQL, run the same migrations and are used by the
 * same repositories through the common Drizzle type `Db`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { Pool } from 'pg';
import * as schema from './schema';
import { countStatement } from './statement-count';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  readonly db: Db;
  readonly kind: 'postgres' | 'embedded';
  /** Where it lives, for logs and error messages (password hidden). */
  readonly location: string;
  /** Statements issued through Drizzle since start: benchmarks and tests count SQL round trips with it. */
  readonly stats: { statements: number };
  /** Runs raw SQL on a single connection (migrations and advisory locks need one). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function countingLogger(stats: { statements: number }) {
  return {
    logQuery() {
      stats.statements++;
      countStatement();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

export function openPostgres(url: string, poolSize: number): Database {
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor may a checked-out one (the pool listens only while a client is idle): a connection cut
  // between two statements of a transaction fails that transaction's next statement instead.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const stats = { statements: 0 };
  const logger = countingLogger(stats);
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case', logger }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    location: redactUrl(url),
    stats,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg({ client, schema, casing: 'snake_case', logger }) as unknown as Db);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openEmbedded(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  // The extension ships as an ES module only.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  const stats = { statements: 0 };
  const db = drizzlePglite({
    client,
    schema,
    casing: 'snake_case',
    logger: countingLogger(stats),
  }) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    location: dir,
    stats,
    // PGlite is a single connection already.
    withConnection: (fn) => fn(db),
    close: () => client.close(),
  };
}
