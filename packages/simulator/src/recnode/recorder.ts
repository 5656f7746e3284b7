/**
 * One recording on one simulated node, following recnode's loop (rwiv/recnode
 * recnode/recorder/stream/stream_recorder_seg.py):
 * - each poll fetches the playlist at `streamUrl` as written, with `streamHeaders` and WITHOUT
 *   `streamParams`; the params are merged into every segment URL (base URL + "/" + URI);
 * - polls are at least `intervalMinMs` apart plus a random wait of up to `intervalJitterMs`, so a
 *   cancel or a playlist change is seen only between polls;
 * - five playlist failures in a row, of any status, end the recording; a master or an empty
 *   playlist raises at once (`failed`); `#EXT-X-ENDLIST` ends it after that poll's segments;
 * - the first playlist is validated against what was recorded (join), and every new segment of
 *   every poll on its own: a critical verdict sets `isInvalid` and stops the node;
 * - every end is `completed` except an exception (`failed`); after it the recorder waits for its
 *   downloads and uploads, sleeps `finalUploadMs`, writes the rest and leaves the list within a
 *   second (the node's monitor);
 * - downloads are tarred by size (`tarBytes` of files older than 2 s), uploads retry with back-off
 *   and a tar that fails for good is dropped silently while its segments stay in `success`.
 * A killed recorder stops at its next await and keeps nothing it had not uploaded, which is how
 * recnode's loss windows appear: claims never downloaded, downloads never uploaded.
 */
import type { LiveState, RecnodeRecordingStatus, RecnodeSegmentState } from '@recflow/contracts';
import { type MediaPlaylist, parsePlaylist } from '../hls/m3u8';
import { verifySegmentBody } from '../hls/segment-bytes';
import type { HttpAnswer, HttpClient } from '../http-client';
import type { Ledger } from '../ledger';
import type { Scheduled, Ticker } from '../ticker';
import { type Verdict, validateJoin, validateSegment } from './join-check';
import type { NodeClock } from './node-clock';
import { RecordingCounters } from './recording-stats';
import type { HeldLock, SegmentProtocol, SegmentRef } from './segment-protocol';
import { TarWriter, type UploadFaults } from './tar-writer';

export interface RecorderSettings {
  /** recnode's `interval_min_time_sec` (production 4 s), simulated ms. */
  intervalMinMs: number;
  /** recnode's `interval_wait_weight_sec` (production 1.2 s): a uniform extra wait, simulated ms. */
  intervalJitterMs: number;
  /** recnode's `m3u8_retry_limit`: consecutive playlist failures that end the recording. */
  playlistRetryLimit: number;
  /** Bytes of downloaded files that make a tar (recnode: about 17 MB; simulated segments are KBs). */
  tarBytes: number;
  /** Simulated ms a downloaded file must be old before it goes into a tar. */
  tarFileAgeMs: number;
  /** Simulated ms one tar upload takes. */
  uploadMs: number;
  /** Upload attempts of one tar before it is dropped, with exponential back-off from `uploadRetryMs`. */
  uploadAttempts: number;
  uploadRetryMs: number;
  /** Simulated ms the recorder sleeps after its last download before writing the rest. */
  finalUploadMs: number;
  /** Simulated ms, at most, between a recorder's end and its leaving the list (recnode's monitor). */
  leaveListMs: number;
  /**
   * Recorders that only say `recording` and never touch the stream: for measuring recflow's side
   * with tens of thousands of recordings, where the recordings' work itself is not the question.
   */
  passive: boolean;
}

export const DEFAULT_RECORDER_SETTINGS: RecorderSettings = {
  intervalMinMs: 4_000,
  intervalJitterMs: 1_200,
  playlistRetryLimit: 5,
  tarBytes: 30_000,
  tarFileAgeMs: 2_000,
  uploadMs: 200,
  uploadAttempts: 9,
  uploadRetryMs: 500,
  finalUploadMs: 2_000,
  leaveListMs: 1_000,
  passive: false,
};

export interface RecorderDeps {
  node: string;
  clock: NodeClock;
  ticker: Ticker;
  protocol: SegmentProtocol;
  http: HttpClient;
  ledger: Ledger;
  settings: RecorderSettings;
  /** The node's download slowness fault, simulated ms before each segment request. */
  downloadDelayMs(): number;
  /** The node's hung-downloader fault: a download started now never ends. */
  downloadsHang(): boolean;
  uploadFaults(): UploadFaults;
  /** A number in [0, 1): the node's own seeded source of randomness. */
  random(): number;
  /** Called once the recorder has closed and leaves the node's list. */
  onDone(recorder: Recorder): void;
}

/** Thrown out of every await once the node is dead, so that nothing more reaches Redis or the ledger. */
const DIED = Symbol('recorder died');
const NEVER = new Promise<never>(() => undefined);

export class Recorder {
  status: RecnodeRecordingStatus = 'waiting';
  /** recnode's `num`: the last playlist segment number this recorder saw. */
  num = 0;
  /** Why the recording ended, for tests and logs; null while it runs. */
  endedBy: string | null = null;
  readonly counters = new RecordingCounters();
  private stopped = false;
  private aborting = false;
  private dead = false;
  private joined = false;
  private failures = 0;
  private next: Scheduled | null = null;
  private closing: Promise<void> | null = null;
  /** Segments this node will not look at again: settled, or claimed by it or by another node. */
  private readonly handled = new Set<number>();
  private readonly inFlight = new Set<number>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly tar: TarWriter;

  constructor(
    readonly state: LiveState,
    private readonly deps: RecorderDeps,
  ) {
    this.tar = new TarWriter({
      liveId: state.id,
      node: deps.node,
      clock: deps.clock,
      ledger: deps.ledger,
      settings: deps.settings,
      faults: () => deps.uploadFaults(),
      sleep: (ms) => this.sleep(ms),
    });
  }

  get id(): string {
    return this.state.id;
  }

  start(): void {
    if (this.deps.settings.passive) {
      this.status = 'recording';
      return;
    }
    this.schedule(0);
  }

  /**
   * DELETE sets the abort flag; recnode's loop reads it only between polls, after the current
   * one's wait, so downloads go on for up to one interval after the cancel.
   */
  abort(): void {
    this.aborting = true;
    // A passive recorder has no loop to read the flag.
    if (this.deps.settings.passive) this.end('completed', 'aborted');
  }

  /** The node died: nothing more happens, and what was not uploaded is gone. */
  kill(): void {
    this.dead = true;
    this.stopped = true;
    this.next?.cancel();
    this.tar.kill();
  }

  /** Downloads running now (recnode's `processing_total`). */
  get downloading(): number {
    return this.inFlight.size;
  }

  /** Ends the loop; the recorder closes and then leaves the list. */
  private end(status: RecnodeRecordingStatus, why: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.status = status;
    this.endedBy = why;
    this.next?.cancel();
    this.closing ??= this.close();
  }

  private async close(): Promise<void> {
    try {
      // Downloads started before the end are awaited, however long they take (no timeout).
      while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
      await this.sleep(this.deps.settings.finalUploadMs);
      if (this.dead) return;
      await this.tar.flush();
      if (this.dead) return;
      await this.sleep(this.deps.random() * this.deps.settings.leaveListMs);
      if (!this.dead) this.deps.onDone(this);
    } catch {
      // Only a death gets here; a dead recorder leaves nothing to clean.
    }
  }

  private schedule(delayMs: number): void {
    this.next = this.deps.ticker.after(delayMs, () => this.track(this.poll()));
  }

  private track(task: Promise<void>): void {
    // Every task handles its own failures; this only keeps a stray rejection from going unhandled.
    const settled = task.catch(() => undefined).finally(() => this.tasks.delete(settled));
    this.tasks.add(settled);
  }

  /** Awaits `promise`, then stops the caller if the node died meanwhile. */
  private async step<T>(promise: Promise<T>): Promise<T> {
    const value = await promise;
    if (this.dead) throw DIED;
    return value;
  }

  private sleep(simMs: number): Promise<void> {
    return simMs <= 0 ? Promise.resolve() : new Promise((resolve) => this.deps.ticker.after(simMs, resolve));
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    if (this.aborting) return this.end('completed', 'aborted');
    const started = this.deps.clock.now();
    try {
      await this.cycle();
    } catch (error) {
      if (error === DIED) return;
      // recnode's loop catches any exception of a poll and ends the recording as failed.
      this.end('failed', `exception: ${(error as Error).message}`);
      return;
    }
    if (this.stopped) return;
    // A failed playlist fetch returns before the wait: recnode's five attempts come back to back,
    // so a CDN blip of a second ends every recorder of the live.
    if (this.failures > 0) return this.schedule(0);
    const { intervalMinMs, intervalJitterMs } = this.deps.settings;
    const elapsed = this.deps.clock.now() - started;
    this.schedule(Math.max(0, intervalMinMs - elapsed) + this.deps.random() * intervalJitterMs);
  }

  private async cycle(): Promise<void> {
    const answer = await this.step(this.fetch(new URL(this.state.streamUrl)));
    if (answer) this.counters.m3u8Request(answer.durationMs);
    if (answer?.status !== 200) return this.playlistFailed();
    this.failures = 0;
    const playlist = parsePlaylist(answer.body.toString('utf8'));
    if (playlist.master) throw new Error('Expected a media playlist, got a master playlist');
    if (playlist.segments.length === 0) throw new Error('No segments found in the playlist');
    const segments = playlist.segments.map((e) => this.resolve(e));
    const latest = await this.step(this.deps.protocol.highestSuccess(this.id));
    if (!this.joined) {
      const verdict = await this.step(validateJoin(this.validation(), segments, latest));
      if (verdict.kind !== 'ok') return this.invalid(verdict);
      this.joined = true;
    }
    if (this.status === 'waiting') this.status = 'recording';
    this.deps.ledger.observe(
      this.id,
      segments.map((s) => s.num),
    );
    await this.take(segments, latest);
    this.tar.check();
    this.num = segments[segments.length - 1]!.num;
    if (playlist.ended) this.end('completed', 'endlist');
  }

  private playlistFailed(): void {
    this.counters.m3u8Retries++;
    this.failures++;
    if (this.failures >= this.deps.settings.playlistRetryLimit) this.end('completed', 'playlist failures');
  }

  /** A `no` verdict quits quietly; a critical one marks the live invalid first. */
  private async invalid(verdict: Exclude<Verdict, { kind: 'ok' }>): Promise<void> {
    if (verdict.kind === 'critical') await this.step(this.deps.protocol.markInvalid(this.id));
    // recnode sets `failed` here, then its loop overwrites it with `completed` on the way out.
    this.end('completed', `${verdict.kind}: ${verdict.why}`);
  }

  private validation() {
    // recnode's download raises on a failed request, and the join check's catch makes that a
    // quiet `no`, not a critical verdict.
    const sizeOf = async (url: string) => {
      const answer = await this.fetch(new URL(url));
      if (!answer || answer.status >= 400)
        throw new Error(`segment download failed (${answer?.status ?? 'no answer'})`);
      return answer.body.length;
    };
    return { protocol: this.deps.protocol, clock: this.deps.clock, liveId: this.id, sizeOf };
  }

  /** The segment protocol over this playlist's segments, plus this node's share of the retries. */
  private async take(segments: SegmentRef[], latest: number | null): Promise<void> {
    const fresh = segments.filter((s) => !this.handled.has(s.num) && !this.inFlight.has(s.num));
    const { protocol, ledger, node } = this.deps;
    const screened = await this.step(
      protocol.screen(
        this.id,
        fresh.map((s) => s.num),
      ),
    );
    const open = new Set(screened.open);
    const locked = new Set(screened.locked);
    // A segment only locked may be free at the next poll (locks are released after every
    // attempt), so it is looked at again; anything in a set is settled for this node.
    for (const s of fresh) if (!open.has(s.num) && !locked.has(s.num)) this.handled.add(s.num);
    const candidates: SegmentRef[] = [];
    for (const s of fresh.filter((f) => open.has(f.num))) {
      const verdict = await this.step(validateSegment(this.validation(), s, latest));
      if (verdict.kind === 'critical') return this.invalid(verdict);
      if (verdict.kind === 'ok') candidates.push(s);
    }
    if (candidates.length > 0 && !this.stopped) {
      const { claimed, claimTaken } = await protocol.lockAndClaim(this.id, candidates);
      // The claims are in Redis even if this node died while their replies were on the way.
      for (const { state } of claimed) ledger.claimed(this.id, node, state.num);
      if (this.dead) throw DIED;
      // Another node's claim settles the segment for this one; a lock lost to a race does not,
      // and the segment is looked at again next poll, as recnode does.
      for (const num of claimTaken) this.handled.add(num);
      for (const { state, lock } of claimed) {
        this.handled.add(state.num);
        this.track(this.attempt(state, lock));
      }
    }
    for (const state of screened.retrying) {
      if (!this.inFlight.has(state.num) && !this.stopped) this.track(this.retry(state, latest));
    }
    const oldest = segments[0]!.num;
    for (const num of this.handled) if (num < oldest) this.handled.delete(num);
  }

  private async retry(state: RecnodeSegmentState, latest: number | null): Promise<void> {
    this.inFlight.add(state.num);
    try {
      const seg = { num: state.num, url: state.url, durationSec: state.duration };
      const verdict = await this.step(validateSegment(this.validation(), seg, latest));
      if (verdict.kind === 'critical') return await this.invalid(verdict);
      if (verdict.kind === 'no') return;
      const lock = await this.step(this.deps.protocol.lockRetry(this.id, state));
      if (!lock) return;
      this.counters.segmentRetries++;
      await this.attempt(state, lock);
    } catch (error) {
      if (error !== DIED) this.counters.failed++;
    } finally {
      this.inFlight.delete(state.num);
    }
  }

  /** One download attempt under a held lock; the lock is released whatever happens. */
  private async attempt(state: RecnodeSegmentState, lock: HeldLock): Promise<void> {
    const { protocol } = this.deps;
    this.inFlight.add(state.num);
    try {
      await this.step(this.sleep(this.deps.downloadDelayMs()));
      if (this.deps.downloadsHang()) await this.step(NEVER);
      const answer = await this.step(this.fetch(new URL(state.url)));
      if (answer) this.counters.segmentRequest(answer.durationMs);
      const verified = answer?.status === 200 && verifySegmentBody(answer.body) !== null;
      if (!answer || !verified) {
        if (!state.is_retrying) await this.step(protocol.toRetrying(this.id, state));
        else if (await this.step(protocol.retryFailed(this.id, state.num))) this.counters.failed++;
        return;
      }
      // The file is on this node's disk now; recnode writes it even when another node won.
      this.deps.ledger.downloaded(this.id, this.deps.node, state.num);
      this.tar.add(state.num, answer.body.length);
      this.counters.processed++;
      if (await this.step(protocol.inSuccess(this.id, state.num, 'replica'))) return;
      await this.step(protocol.succeed(this.id, state, answer.body.length));
    } catch (error) {
      // Redis failed mid-protocol: the claim stays, as it would for recnode.
      if (error === DIED) throw error;
    } finally {
      this.inFlight.delete(state.num);
      if (!this.dead) await protocol.release(this.id, lock).catch(() => undefined);
    }
  }

  /**
   * recnode's segment URL: the playlist's base URL, "/", the URI as written (even an absolute
   * one), then the params merged in raw, without URL encoding, replacing those of the same name
   * (pyutils `merge_query_string(..., overwrite=True, url_encode=False)`).
   */
  private resolve(entry: MediaPlaylist['segments'][number]): SegmentRef {
    const base = this.state.streamUrl.slice(0, this.state.streamUrl.lastIndexOf('/'));
    const [path, query = ''] = `${base}/${entry.uri}`.split('?', 2) as [string, string?];
    const params = this.state.streamParams ?? {};
    const kept = query.split('&').filter((pair) => pair !== '' && !(pair.split('=')[0]! in params));
    const added = Object.entries(params).flatMap(([name, values]) => values.map((v) => `${name}=${v}`));
    const merged = [...kept, ...added];
    return {
      num: entry.num,
      url: merged.length > 0 ? `${path}?${merged.join('&')}` : path,
      durationSec: entry.durationSec,
    };
  }

  /** A GET with the LiveState's headers; null when the request itself failed. */
  private async fetch(url: URL): Promise<HttpAnswer | null> {
    try {
      return await this.deps.http.request(url, this.state.streamHeaders);
    } catch {
      return null;
    }
  }
}
