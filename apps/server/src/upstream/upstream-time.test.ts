import { describe, expect, it } from 'vitest';
import { upstreamCall, withUpstreamTime } from './upstream-time';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('upstream time', () => {
  it('counts the wall time spent waiting, once for calls in parallel', async () => {
    const { value, upstreamMs } = await withUpstreamTime(async () => {
      await Promise.all([upstreamCall(() => sleep(50)), upstreamCall(() => sleep(50))]);
      await sleep(30);
      return 'done';
    });
    expect(value).toBe('done');
    expect(upstreamMs).toBeGreaterThanOrEqual(45);
    expect(upstreamMs).toBeLessThan(75);
  });

  it('counts nothing outside a measured unit of work', async () => {
    await expect(upstreamCall(async () => 1)).resolves.toBe(1);
  });
});
