import { describe, expect, it } from 'vitest';
import { Ledger } from './ledger';

/** Plays the same story into a ledger: 1000 segments, some duplicated, one dead claim, two lost. */
function play(ledger: Ledger) {
  for (let num = 0; num < 1000; num++) {
    ledger.observe('live', [num]);
    if (num === 500) {
      ledger.claimed('live', 'n3', num);
      continue;
    }
    ledger.claimed('live', 'n1', num);
    ledger.downloaded('live', 'n1', num);
    if (num % 100 === 7) ledger.downloaded('live', 'n2', num);
    if (num === 600 || num === 601) ledger.discarded('live', 'n1', [num]);
    else if (num < 990) ledger.uploaded('live', 'n1', [num]);
  }
}

describe('Ledger', () => {
  it('reports downloads, duplicates, dead claims, losses and pending uploads', () => {
    const ledger = new Ledger();
    play(ledger);
    const report = ledger.report('live');
    expect(report.range).toEqual({ first: 0, last: 999 });
    expect(report.downloaded).toBe(999);
    expect(report.missing).toEqual([500]);
    expect(report.duplicates).toHaveLength(10);
    expect(report.lost).toEqual([600, 601]);
    expect(report.pending).toHaveLength(10);
    expect(ledger.explain('live', 500).claimedBy).toEqual(['n3']);
  });

  it('folds old settled segments into counters that add up to the full report', () => {
    const detailed = new Ledger();
    const folding = new Ledger(100);
    play(detailed);
    play(folding);
    const all = detailed.report('live');
    const folded = folding.report('live');
    expect(folded.folded!.through).toBeGreaterThan(800);
    expect(folded.downloaded).toBe(all.downloaded);
    expect(folded.uploaded).toBe(all.uploaded);
    expect(folded.folded!.duplicates + folded.duplicates.length).toBe(all.duplicates.length);
    expect(folded.folded!.missing + folded.missing.length).toBe(all.missing.length);
    expect(folded.folded!.lost + folded.lost.length).toBe(all.lost.length);
    expect(folded.pending).toEqual(all.pending);
    expect(folded.byNode).toEqual(all.byNode);
    expect(folding.report('other').range).toBeNull();
  });
});
