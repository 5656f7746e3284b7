/**
 * The loss report of one recording, computed from the segment sets recnode left in its Redis
 * after the live: how many segments succeeded, failed or were still retrying, and which
 * numbers are missing between the lowest and the highest success. A lowest number ≤ 0 is not
 * trusted as the start (the original takes the second-smallest then), so a stray `0` before a
 * stream numbered from 5000 does not count 4999 missing segments.
 */
import { MAX_MISSING_NUMBERS, type RecordingSegments } from '@recflow/contracts';

export interface SegmentSets {
  /** Each sorted ascending. */
  success: number[];
  failed: number[];
  retrying: number[];
}

export function lossReport(sets: SegmentSets): RecordingSegments {
  const { missing, missingNumbers } = missingOf(sets.success);
  return {
    ok: sets.success.length,
    failed: sets.failed.length,
    retrying: sets.retrying.length,
    missing,
    missingNumbers,
  };
}

/** Counts the gaps without walking the range, so a wild number cannot make it loop for long. */
function missingOf(success: number[]): { missing: number; missingNumbers: number[] } {
  const nums = success.length > 1 && success[0]! <= 0 ? success.slice(1) : success;
  let missing = 0;
  const missingNumbers: number[] = [];
  for (let i = 1; i < nums.length; i++) {
    const gap = nums[i]! - nums[i - 1]! - 1;
    if (gap <= 0) continue;
    missing += gap;
    for (let n = nums[i - 1]! + 1; n < nums[i]! && missingNumbers.length < MAX_MISSING_NUMBERS; n++)
      missingNumbers.push(n);
  }
  return { missing, missingNumbers };
}

/** Worth telling an operator: segments never recorded, or still retrying when the live ended. */
export function hasLoss(report: RecordingSegments): boolean {
  return report.missing > 0 || report.retrying > 0;
}
