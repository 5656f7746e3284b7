/**
 * One simulated HLS stream's timeline. Nothing ticks: which segments exist is computed from the
 * clock (segment i of an epoch is complete once `epochStart + (i + 1) * duration` has passed), so
 * 2,000 streams cost nothing between requests. Restarts, staleness, drops and failing segments are
 * the stream faults the control API exposes.
 */

export interface StreamSettings {
  /** Simulated milliseconds per segment. */
  segmentDurationMs: number;
  /** Segments in the live playlist's sliding window. */
  window: number;
  /** The media sequence number of the first segment of a numbering epoch. */
  firstNumber: number;
  /**
   * Segments answer 403 without a valid `token` query parameter stlink hands out. The playlist
   * never needs it: recnode fetches the playlist without `streamParams` and puts them on every
   * segment URL, and so does a CDN's signed-segment scheme.
   */
  requireParams: boolean;
  /** The playlist and segments answer 403 without the auth header stlink hands out. */
  requireHeaders: boolean;
  /** Simulated ms a token stlink hands out stays valid; null: it never expires. */
  tokenTtlMs: number | null;
  /**
   * Simulated ms the origin keeps serving a segment after it left the playlist (a CDN keeps them
   * minutes, not forever): a retry or a repair reaching further back downloads nothing.
   */
  retentionMs: number;
}

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  segmentDurationMs: 2000,
  window: 6,
  firstNumber: 0,
  requireParams: true,
  requireHeaders: true,
  tokenTtlMs: null,
  retentionMs: 300_000,
};

export interface PlaylistEntry {
  num: number;
  epoch: number;
  durationSec: number;
}

/** How a restart numbers the new segments: from `firstNumber` again, or on from the last one. */
export type RestartNumbering = 'reset' | 'continue';

export interface StreamIdentity {
  key: string;
  platform: string;
  sourceId: string;
  liveId: number;
}

interface Epoch {
  start: number;
  base: number;
}

interface PastEpoch {
  base: number;
  last: number;
  /** When the epoch's last segments left the playlist: the restart. */
  endedAt: number;
}

export class SimStream {
  readonly settings: StreamSettings;
  epoch = 0;
  discontinuitySequence = 0;
  /** Playlist status while dropped (the origin forgot the stream or the CDN lost it). */
  dropped: 404 | 410 | null = null;
  private current: Epoch;
  private readonly past = new Map<number, PastEpoch>();
  private staleSince: number | null = null;
  private readonly failures = new Map<string, number>();

  constructor(
    readonly identity: StreamIdentity,
    settings: StreamSettings,
    startedAt: number,
    /** The `token` query value the playlist demands. */
    readonly token: string,
    /** The `X-Sim-Auth` header value playlist and segments demand. */
    readonly authHeader: string,
  ) {
    this.settings = { ...settings };
    // A broadcast is on air for a while before anyone asks for its stream, so its playlist starts
    // full: recnode takes an empty playlist for an error and ends the recording.
    this.current = {
      start: startedAt - settings.window * settings.segmentDurationMs,
      base: settings.firstNumber,
    };
  }

  get key(): string {
    return this.identity.key;
  }

  get isStale(): boolean {
    return this.staleSince !== null;
  }

  /** The sliding window of complete segments at `now`, oldest first. */
  window(now: number): PlaylistEntry[] {
    const count = this.completeCount(now);
    const first = Math.max(0, count - this.settings.window);
    const durationSec = this.settings.segmentDurationMs / 1000;
    const entries: PlaylistEntry[] = [];
    for (let i = first; i < count; i++) {
      entries.push({ num: this.current.base + i, epoch: this.epoch, durationSec });
    }
    return entries;
  }

  /**
   * Whether segment `num` of `epoch` can be downloaded at `now`: produced already, and not longer
   * than `retentionMs` out of the playlist.
   */
  hasSegment(epoch: number, num: number, now: number): boolean {
    const { retentionMs, segmentDurationMs, window } = this.settings;
    if (epoch === this.epoch) {
      const i = num - this.current.base;
      if (i < 0 || i >= this.completeCount(now)) return false;
      // Segment i leaves the playlist when segment i + window is complete.
      const leftAt = this.current.start + (i + window + 1) * segmentDurationMs;
      return this.isStale || now <= leftAt + retentionMs;
    }
    const range = this.past.get(epoch);
    return (
      range !== undefined && num >= range.base && num <= range.last && now <= range.endedAt + retentionMs
    );
  }

  restart(now: number, numbering: RestartNumbering): void {
    const count = this.completeCount(now);
    const last = this.current.base + count - 1;
    this.past.set(this.epoch, { base: this.current.base, last, endedAt: now });
    this.epoch++;
    this.discontinuitySequence++;
    // The new epoch's first segment is there at once: an empty playlist would end every recorder
    // with an exception, which is another failure than the one a restart is.
    this.current = {
      start: now - this.settings.segmentDurationMs,
      base: numbering === 'reset' ? this.settings.firstNumber : last + 1,
    };
    this.staleSince = null;
  }

  /** The playlist stops advancing: it keeps answering the same window. */
  goStale(now: number): void {
    this.staleSince ??= now;
  }

  /** Advances again from where it froze, without a gap in numbering. */
  resume(now: number): void {
    if (this.staleSince === null) return;
    this.current.start += now - this.staleSince;
    this.staleSince = null;
  }

  /** The next `times` requests for segment `num` of the current epoch answer 503. */
  failSegment(num: number, times: number): void {
    this.failures.set(`${this.epoch}:${num}`, times);
  }

  /** Consumes one injected failure for this segment, if any is left. */
  takeFailure(epoch: number, num: number): boolean {
    const key = `${epoch}:${num}`;
    const left = this.failures.get(key) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.failures.delete(key);
    else this.failures.set(key, left - 1);
    return true;
  }

  private completeCount(now: number): number {
    const at = this.staleSince ?? now;
    return Math.max(0, Math.floor((at - this.current.start) / this.settings.segmentDurationMs));
  }
}
