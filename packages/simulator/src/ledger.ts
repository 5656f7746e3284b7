/**
 * The ledger: who claimed, downloaded and uploaded which segment of which live, as the simulated
 * nodes did it. It is the simulator's ground truth (recnode's Redis sets are what the nodes *say*),
 * so tests can assert "0 missing, 0 downloaded twice" and see recnode's two loss windows honestly:
 * a claim whose holder died before downloading (missing), and downloads whose node died before
 * uploading them (lost). A long-running simulator keeps only the newest segments of each live in
 * detail and folds older, settled ones into counters, so that memory stays bounded.
 */

export interface SegmentRecord {
  claimedBy: string[];
  downloadedBy: string[];
  uploadedBy: string[];
  /** Nodes whose downloaded copy died with them before upload. */
  discardedBy: string[];
}

type NodeCounts = { claimed: number; downloaded: number; uploaded: number; discarded: number };

/** Totals of the segments folded out of detail, all numbered up to `through`. */
export interface FoldedTotals {
  through: number;
  downloaded: number;
  uploaded: number;
  duplicates: number;
  missing: number;
  lost: number;
}

interface LiveRecord {
  first: number;
  last: number;
  segments: Map<number, SegmentRecord>;
  folded: FoldedTotals | null;
  foldedByNode: Record<string, NodeCounts>;
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
  /** Counts of the older segments folded out of the lists above; null while nothing is folded. */
  folded: FoldedTotals | null;
  /** Per node: how many segments it claimed, downloaded, uploaded and lost with its death. */
  byNode: Record<string, NodeCounts>;
}

/** Appends without the spare capacity of `push`: most lists hold one node for good. */
function append(list: string[], item: string): string[] {
  return list.length === 0 ? [item] : [...list, item];
}

/** How many detailed segments beyond the retained number trigger a fold (folding is a sort). */
const FOLD_SLACK = 64;

export class Ledger {
  private readonly lives = new Map<string, LiveRecord>();

  /** @param retainSegments detailed segments kept per live; older settled ones are folded. */
  constructor(private readonly retainSegments = Number.POSITIVE_INFINITY) {}

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
    const segment = this.segment(liveId, num);
    if (segment) segment.claimedBy = append(segment.claimedBy, node);
  }

  downloaded(liveId: string, node: string, num: number): void {
    const segment = this.segment(liveId, num);
    if (segment) segment.downloadedBy = append(segment.downloadedBy, node);
  }

  uploaded(liveId: string, node: string, nums: readonly number[]): void {
    for (const num of nums) {
      const segment = this.segment(liveId, num);
      if (segment) segment.uploadedBy = append(segment.uploadedBy, node);
    }
  }

  /** A node died holding these downloaded, not yet uploaded segments. */
  discarded(liveId: string, node: string, nums: readonly number[]): void {
    for (const num of nums) {
      const segment = this.segment(liveId, num);
      if (segment) segment.discardedBy = append(segment.discardedBy, node);
    }
  }

  /** Everything the ledger knows in detail about one segment (empty lists when nothing, or folded). */
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
    const report = emptyReport(liveId, live?.foldedByNode ?? {});
    if (!live) return report;
    report.downloaded = live.folded?.downloaded ?? 0;
    report.uploaded = live.folded?.uploaded ?? 0;
    report.folded = live.folded ? { ...live.folded } : null;
    if (live.first <= live.last) report.range = { first: live.first, last: live.last };
    for (const [num, segment] of live.segments) classify(report, segment, num);
    if (report.range) {
      const from = Math.max(live.first, (live.folded?.through ?? Number.NEGATIVE_INFINITY) + 1);
      for (let num = from; num <= live.last; num++) {
        if (!live.segments.get(num)?.downloadedBy.length) report.missing.push(num);
      }
    }
    for (const list of [report.duplicates, report.lost, report.pending]) list.sort((a, b) => a - b);
    return report;
  }

  private live(liveId: string): LiveRecord {
    let live = this.lives.get(liveId);
    if (!live) {
      live = {
        first: Number.POSITIVE_INFINITY,
        last: Number.NEGATIVE_INFINITY,
        segments: new Map(),
        folded: null,
        foldedByNode: {},
      };
      this.lives.set(liveId, live);
    }
    return live;
  }

  /** The detailed record of a segment, or undefined once it is folded. */
  private segment(liveId: string, num: number): SegmentRecord | undefined {
    const live = this.live(liveId);
    if (live.folded && num <= live.folded.through) return undefined;
    let segment = live.segments.get(num);
    if (!segment) {
      segment = { claimedBy: [], downloadedBy: [], uploadedBy: [], discardedBy: [] };
      live.segments.set(num, segment);
      if (live.segments.size > this.retainSegments + FOLD_SLACK) this.fold(live);
    }
    return segment;
  }

  /** Folds the oldest segments into counters, stopping at the first one still awaiting upload. */
  private fold(live: LiveRecord): void {
    const nums = [...live.segments.keys()].sort((a, b) => a - b);
    const folded = live.folded ?? {
      through: live.first - 1,
      downloaded: 0,
      uploaded: 0,
      duplicates: 0,
      missing: 0,
      lost: 0,
    };
    // Classifying into a report that shares foldedByNode keeps the folded per-node counts.
    const part = emptyReport('', live.foldedByNode, false);
    for (const num of nums.slice(0, nums.length - this.retainSegments)) {
      const segment = live.segments.get(num)!;
      if (isPending(segment)) break;
      classify(part, segment, num);
      for (let gap = folded.through + 1; gap < num; gap++) folded.missing++;
      if (segment.downloadedBy.length === 0) folded.missing++;
      folded.through = num;
      live.segments.delete(num);
    }
    folded.downloaded += part.downloaded;
    folded.uploaded += part.uploaded;
    folded.duplicates += part.duplicates.length;
    folded.lost += part.lost.length;
    live.folded = folded;
  }
}

/** @param copy false to count into `byNode` itself rather than into a copy. */
function emptyReport(liveId: string, byNode: Record<string, NodeCounts>, copy = true): LedgerReport {
  return {
    liveId,
    range: null,
    downloaded: 0,
    uploaded: 0,
    duplicates: [],
    missing: [],
    lost: [],
    pending: [],
    folded: null,
    byNode: copy ? structuredClone(byNode) : byNode,
  };
}

function isPending(segment: SegmentRecord): boolean {
  return (
    segment.downloadedBy.length > 0 &&
    segment.uploadedBy.length === 0 &&
    segment.discardedBy.length < segment.downloadedBy.length
  );
}

/** Adds one segment to a report's lists and per-node counts. */
function classify(report: LedgerReport, segment: SegmentRecord, num: number): void {
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
  else if (!isPending(segment)) report.lost.push(num);
  else report.pending.push(num);
}
