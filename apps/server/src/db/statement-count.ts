/**
 * SQL statements issued during one unit of work, tracked through async context, so that each task
 * run can say what it cost the database (and a benchmark can check that a cycle's cost does not
 * grow with the data it looks at).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface StatementMeter {
  statements: number;
}

const current = new AsyncLocalStorage<StatementMeter>();

/** Runs `fn`, adding every statement it issues to `meter` (which still counts if `fn` fails). */
export function countingStatements<T>(meter: StatementMeter, fn: () => Promise<T>): Promise<T> {
  return current.run(meter, fn);
}

/** Called by the database logger for every statement. */
export function countStatement(): void {
  const meter = current.getStore();
  if (meter) meter.statements++;
}
