/**
 * Closes BullMQ workers and queues within a bound. A graceful close waits for running jobs and
 * then QUITs its Redis connections — which never completes while Redis is unreachable, so a
 * SIGTERM during a Redis outage would hang until the orchestrator's SIGKILL. Past the bound the
 * connections are dropped instead, and shutdown goes on.
 */
export interface Closable {
  close(): Promise<void>;
  disconnect(): Promise<void>;
}

// BullMQ's disconnect() first waits for its connection to be ready, which never happens while
// Redis is down: it is given a moment, then shutdown goes on (the process exits anyway).
const DISCONNECT_MS = 1_000;

function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** True when everything closed gracefully in time; false when connections had to be dropped. */
export async function closeWithin(items: Closable[], timeoutMs: number): Promise<boolean> {
  if (items.length === 0) return true;
  const closing = Promise.allSettled(items.map((i) => i.close())).then(() => true);
  const graceful = await within(closing, timeoutMs, false);
  if (!graceful) {
    await within(
      Promise.allSettled(items.map((i) => i.disconnect())).then(() => undefined),
      DISCONNECT_MS,
      undefined,
    );
  }
  return graceful;
}
