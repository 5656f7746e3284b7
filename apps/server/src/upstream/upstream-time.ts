/**
 * Time spent waiting on outside services (streamq, stlink, playlists, recnode and its Redis)
 * during one unit of work, tracked through async context. Lets a benchmark tell recflow's own cost
 * from its upstreams' latency, and lets logs say how a slow registration spent its time.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

/** Wall time with at least one upstream call in flight: parallel calls are not counted twice. */
interface Meter {
  ms: number;
  inFlight: number;
  since: number;
}

const current = new AsyncLocalStorage<Meter>();

/** Runs `fn`, returning its value and how long it spent waiting on upstream calls. */
export async function withUpstreamTime<T>(fn: () => Promise<T>): Promise<{ value: T; upstreamMs: number }> {
  const meter: Meter = { ms: 0, inFlight: 0, since: 0 };
  const value = await current.run(meter, fn);
  return { value, upstreamMs: meter.ms };
}

/** Wraps one upstream call so its duration counts towards the current unit of work, if any. */
export async function upstreamCall<T>(fn: () => Promise<T>): Promise<T> {
  const meter = current.getStore();
  if (!meter) return fn();
  if (meter.inFlight++ === 0) meter.since = performance.now();
  try {
    return await fn();
  } finally {
    if (--meter.inFlight === 0) meter.ms += performance.now() - meter.since;
  }
}
