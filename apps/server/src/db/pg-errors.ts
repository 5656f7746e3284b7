/** Recognizes PostgreSQL errors by SQLSTATE, whichever driver (pg or PGlite) raised them. */

export interface PgErrorLike {
  code: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

export function asPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  // Drizzle wraps driver errors in a DrizzleQueryError with the original as `cause`.
  for (let depth = 0; depth < 4 && current; depth++) {
    const candidate = current as Partial<PgErrorLike> & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as PgErrorLike;
    }
    current = candidate.cause;
  }
  return undefined;
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
export const PG_INVALID_TEXT = '22P02';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = asPgError(error);
  return pg?.code === PG_UNIQUE_VIOLATION && (constraint === undefined || pg.constraint === constraint);
}
