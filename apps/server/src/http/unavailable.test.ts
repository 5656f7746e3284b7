import { describe, expect, it } from 'vitest';
import { unreachableStore } from './unavailable';

class DrizzleQueryError extends Error {
  constructor(override readonly cause: unknown) {
    super('Failed query: select 1');
  }
}
const drizzleError = (cause: unknown) => new DrizzleQueryError(cause);

describe('unreachableStore', () => {
  it('names PostgreSQL for a refused or dropped connection behind a query', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(unreachableStore(drizzleError(refused))).toBe('PostgreSQL');
    expect(unreachableStore(drizzleError(new Error('Connection terminated unexpectedly')))).toBe(
      'PostgreSQL',
    );
    expect(
      unreachableStore(Object.assign(new Error('the database system is starting up'), { code: '57P03' })),
    ).toBe('PostgreSQL');
    expect(unreachableStore(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(
      'PostgreSQL',
    );
  });

  it('names Redis for a command that gave up while disconnected', () => {
    const gaveUp = Object.assign(new Error('Reached the max retries per request limit (which is 2).'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(unreachableStore(gaveUp)).toBe('Redis');
    expect(unreachableStore(new Error('Connection is closed.'))).toBe('Redis');
  });

  it('leaves every other error alone, including constraint violations and bare network errors', () => {
    expect(
      unreachableStore(drizzleError(Object.assign(new Error('duplicate key'), { code: '23505' }))),
    ).toBeNull();
    expect(
      unreachableStore(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBeNull();
    expect(unreachableStore(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(unreachableStore(undefined)).toBeNull();
  });
});
