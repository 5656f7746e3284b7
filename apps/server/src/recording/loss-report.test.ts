import { describe, expect, it } from 'vitest';
import { hasLoss, lossReport } from './loss-report';

describe('lossReport', () => {
  it('counts the sets and finds no loss in a contiguous recording', () => {
    const report = lossReport({ success: [10, 11, 12, 13], failed: [], retrying: [] });
    expect(report).toEqual({ ok: 4, failed: 0, retrying: 0, missing: 0, missingNumbers: [] });
    expect(hasLoss(report)).toBe(false);
  });

  it('lists the numbers absent between the lowest and highest success', () => {
    const report = lossReport({ success: [3, 4, 7, 9], failed: [8], retrying: [] });
    expect(report).toMatchObject({ ok: 4, failed: 1, missing: 3, missingNumbers: [5, 6, 8] });
    expect(hasLoss(report)).toBe(true);
  });

  it('starts from the second-smallest number when the smallest is 0 or below', () => {
    expect(lossReport({ success: [0, 5000, 5002], failed: [], retrying: [] })).toMatchObject({
      missing: 1,
      missingNumbers: [5001],
    });
    expect(lossReport({ success: [-1, 3, 4], failed: [], retrying: [] }).missing).toBe(0);
    expect(lossReport({ success: [0], failed: [], retrying: [] })).toMatchObject({ ok: 1, missing: 0 });
  });

  it('keeps only the first 100 missing numbers but counts all of them, without walking a wild range', () => {
    const report = lossReport({ success: [1, 1_000_000_000_000], failed: [], retrying: [] });
    expect(report.missing).toBe(999_999_999_998);
    expect(report.missingNumbers).toHaveLength(100);
    expect(report.missingNumbers.at(0)).toBe(2);
    expect(report.missingNumbers.at(-1)).toBe(101);
  });

  it('reports segments still retrying as a loss, and an empty recording as none', () => {
    expect(hasLoss(lossReport({ success: [1, 2], failed: [], retrying: [3] }))).toBe(true);
    expect(lossReport({ success: [], failed: [], retrying: [] })).toEqual({
      ok: 0,
      failed: 0,
      retrying: 0,
      missing: 0,
      missingNumbers: [],
    });
  });
});
