/**
 * A periodic task is a thin handler: it loads what it needs, calls a domain service, and returns a
 * short summary for the run log. Business rules live in the services, not here.
 */
export type TaskSummary = Record<string, number | string | boolean>;

export interface PeriodicTask {
  /** The queue and scheduler name, e.g. `channel_refresh`. */
  readonly name: string;
  /** Milliseconds between ticks (from configuration). */
  readonly intervalMs: number;
  run(): Promise<TaskSummary | undefined>;
}

/** Injection token of the list of every periodic task. */
export const PERIODIC_TASKS = Symbol('PERIODIC_TASKS');
