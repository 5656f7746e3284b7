/**
 * The two helpers raw SQL needs: the rows of a statement, typed by the caller (Drizzle's `execute`
 * answers the driver's result object), and a JSON value sent as one `jsonb` parameter, which is how
 * a batch of ids or rows goes into a statement in one parameter however many there are.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './database';

export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export function jsonParam(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}
