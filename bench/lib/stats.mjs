/** Timing and percentiles shared by the suites: every reported latency goes through here. */
import { performance } from 'node:perf_hooks';

/** Runs `fn` once and returns its value with the elapsed milliseconds. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/**
 * Calls `fn(i)` `warmup` times unmeasured, then `runs` times measured, one call at a time so that
 * the samples are latencies, not throughput. `i` counts across both phases so a suite can vary its
 * input per call.
 */
export async function timeRuns(fn, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { ms } = await timed(() => fn(warmup + i));
    samples.push(ms);
  }
  return samples;
}

/** Nearest-rank percentile of an ascending array: always a value that was actually observed. */
export function percentile(sorted, p) {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

const round = (ms) => Math.round(ms * 100) / 100;

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    runs: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]),
    mean: round(mean),
  };
}
