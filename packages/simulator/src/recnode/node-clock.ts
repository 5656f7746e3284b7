/**
 * A node's wall clock. recnode stamps segment states with Python's naive `datetime.now()`: the
 * node's local time, written without an offset (`2026-12-04T21:30:05.123000`). Two nodes in
 * different time zones therefore write times hours apart for the same instant, and a reader that
 * takes them for UTC is wrong by the offset. Each simulated node has its own offset.
 */
import type { Clock } from '../clock';

const DAY_SEC = 86_400;

export class NodeClock {
  constructor(
    private readonly clock: Clock,
    /** Minutes the node's local time is ahead of UTC (540 for Asia/Seoul). */
    readonly utcOffsetMinutes = 0,
  ) {}

  now(): number {
    return this.clock.now();
  }

  toRealMs(simMs: number): number {
    return this.clock.toRealMs(simMs);
  }

  /** `datetime.now().isoformat()` on this node: local time, microseconds, no offset. */
  localIso(at = this.clock.now()): string {
    return `${new Date(at + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 23)}000`;
  }

  /**
   * `(datetime.now() - written).seconds` on this node, with Python's meaning of `.seconds`: the
   * seconds part of the difference, in [0, 86400), so a time written by a node one hour ahead
   * comes out as 82,800 s, not -3,600. `written` is parsed as naive local time, as recnode does.
   */
  pythonSecondsSince(written: string): number {
    const naive = /[zZ]|[+-]\d\d:?\d\d$/.test(written) ? written : `${written}Z`;
    const localNow = this.clock.now() + this.utcOffsetMinutes * 60_000;
    const diffSec = Math.floor((localNow - Date.parse(naive)) / 1000);
    return ((diffSec % DAY_SEC) + DAY_SEC) % DAY_SEC;
  }
}
