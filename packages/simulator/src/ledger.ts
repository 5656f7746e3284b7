/**
 * The ledger: who claimed, downloaded and uploaded which segment of which live, as the simulated
 * nodes did it. It is the simulator's ground truth (recnode's Redis sets are what the nodes *say*),
 * so tests can assert "0 missing, 0 downloaded twice" and see recnode's two loss windows honestly:
 * a claim whose holder died before downloading (missing), and downloads whose node died before
 * uploading them (lost).
 */

export interface SegmentRecord {
  claimedBy: string[];
  downloadedBy: string[];
  uploadedBy: string[];
  /** Nodes whose downloaded copy died with them before upload. */
  discardedBy: string[];
}

interface LiveRecord {
  first: number;
  last: number;
  segments: Map<number, SegmentRecord>;
}

export interface LedgerReport {
  liveId: string;
  /** The segment numbers seen in any recorder's playlist, lowest and highest; null before any. */
  range: { first: number; last: number } | null;
  /** Distinct segments downloaded by at least one node. */
  downloaded: number;
  /** Distinct segments uploaded by at least one node. */
  uploaded: number;
  /** Segments downloaded more than once (by several nodes, or twice by one). */
  duplicates: number[];
  /** Segments in the range nobody downloaded (a dead claim, a failed segment, a gap with no node). */
  missing: number[];
  /** Segments downloaded, but every copy died with its node before upload. */
  lost: number[];
  /** Segments downloaded by a node still alive that has not uploaded them yet. */
  pending: number[];
  /** Per node: how many segments it claimed, downloaded, uploaded and lost with its death. */
  byNode: Record<string, { claimed: number; downloaded: number; uploaded: number; discarded: number }>;
}

export class Ledger {
  private readonly lives = new Map<string, LiveRecord>();

  /** A recorder saw these segment numbers in its playlist: they were produced while someone recorded. */
  observe(liveId: string, nums: readonly number[]): void {
    if (nums.length === 0) return;
    const live = this.live(liveId);
    for (const num of nums) {
      if (num < live.first) live.first = num;
      if (num > live.last) live.last = num;
    }
  }

  claimed(liveId: string, node: string, num: number): void {
    this.segment(liveId, num).claimedBy.push(node);
  }

  downloaded(liveId: string, node: string, num: number): void {
    this.segment(liveId, num).downloadedBy.push(node);
  }

  uploaded(liveId: string, node: string, nums: readonly number[]): void {
    for (const num of nums) this.segment(liveId, num).uploadedBy.push(node);
  }

  /** A node died holding these downloaded, not yet uploaded segments. */
  discarded(liveId: string, node: string, nums: readonly number[]): void {
    for (const num of nums) this.segment(liveId, num).discardedBy.push(node);
  }

  /** Everything the ledger knows about one segment (empty lists when nothing happened to it). */
  explain(liveId: string, num: number): SegmentRecord {
    const segment = this.lives.get(liveId)?.segments.get(num);
    return segment
      ? structuredClone(segment)
      : { claimedBy: [], downloadedBy: [], uploadedBy: [], discardedBy: [] };
  }

  /** Lives with any record, for summaries. */
  liveIds(): string[] {
    return [...this.lives.keys()];
  }

  forget(liveId: string): void {
    this.lives.delete(liveId);
  }

  report(liveId: string): LedgerReport {
    const live = this.lives.get(liveId);
    const report: LedgerReport = {
      liveId,
      range: null,
      downloaded: 0,
      uploaded: 0,
      duplicates: [],
      missing: [],
      lost: [],
      pending: [],
      byNode: {},
    };
    if (!live) return report;
    if (live.first <= live.last) report.range = { first: live.first, last: live.last };
    for (const [num, segment] of live.segments) this.tally(report, segment, num);
    if (report.range) {
      for (let num = live.first; num <= live.last; num++) {
        if (!live.segments.get(num)?.downloadedBy.length) report.missing.push(num);
      }
    }
    for (const list of [report.duplicates, report.lost, report.pending]) list.sort((a, b) => a - b);
    return report;
  }

  private tally(report: LedgerReport, segment: SegmentRecord, num: number): void {
    const node = (name: string) => {
      report.byNode[name] ??= { claimed: 0, downloaded: 0, uploaded: 0, discarded: 0 };
      return report.byNode[name];
    };
    for (const name of segment.claimedBy) node(name).claimed++;
    for (const name of segment.downloadedBy) node(name).downloaded++;
    for (const name of segment.uploadedBy) node(name).uploaded++;
    for (const name of segment.discardedBy) node(name).discarded++;
    if (segment.downloadedBy.length === 0) return;
    report.downloaded++;
    if (segment.downloadedBy.length > 1) report.duplicates.push(num);
    if (segment.uploadedBy.length > 0) report.uploaded++;
    else if (segment.discardedBy.length >= segment.downloadedBy.length) report.lost.push(num);
    else report.pending.push(num);
  }

  private live(liveId: string): LiveRecord {
    let live = this.lives.get(liveId);
    if (!live) {
      live = { first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, segments: new Map() };
      this.lives.set(liveId, live);
    }
    return live;
  }

  private segment(liveId: string, num: number): SegmentRecord {
    const live = this.live(liveId);
    let segment = live.segments.get(num);
    if (!segment) {
      segment = { claimedBy: [], downloadedBy: [], uploadedBy: [], discardedBy: [] };
      live.segments.set(num, segment);
    }
    return segment;
  }
}
