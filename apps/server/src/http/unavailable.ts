/**
 * Recognizes the errors of a store recflow cannot reach right now — PostgreSQL or its own Redis
 * down, restarting or failing over — so that the API answers 503 (try again) instead of a 500 that
 * says "bug". The stores' clients reconnect by themselves; nothing else is needed.
 */

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
// SQLSTATE class 08 (connection exception); 57P01–03: shutting down, crashed, starting up.
const PG_UNAVAILABLE = /^(08...|57P0[123])$/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;
const REDIS_MESSAGES = /^Connection is closed|max retries per request|Stream isn't writeable/i;

export type UnreachableStore = 'PostgreSQL' | 'Redis';

export function unreachableStore(error: unknown): UnreachableStore | null {
  let current: unknown = error;
  let viaDatabase = false;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    const code = typeof e.code === 'string' ? e.code : '';
    // Drizzle wraps every failed statement (its class name, not `name`, says so) with the query.
    if (name === 'DrizzleQueryError' || current.constructor?.name === 'DrizzleQueryError') viaDatabase = true;
    if (name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.test(message)) return 'Redis';
    if (PG_UNAVAILABLE.test(code) || PG_MESSAGES.test(message)) return 'PostgreSQL';
    if (viaDatabase && NETWORK_CODES.has(code)) return 'PostgreSQL';
    current = e.cause;
  }
  return null;
}
