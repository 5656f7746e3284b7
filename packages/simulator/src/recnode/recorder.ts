/**
 * One recording on one simulated node: polls the LiveState's playlist (with its params and
 * headers), takes segments through the shared segment protocol, downloads and verifies them, and
 * "uploads" them to the ledger in periodic batches, recnode's tars. A killed recorder stops at its
 * next await and keeps nothing it had not uploaded, which is how both of recnode's loss windows
 * appear: claims it never downloaded, and downloads it never uploaded.
 */
import type { LiveState, RecnodeRecordingStatus, RecnodeSegmentState } from '@recflow/contracts';
import type { Clock } from '../clock';
import { type MediaPlaylist, tryParsePlaylist } from '../hls/m3u8';
import { verifySegmentBody } from '../hls/segment-bytes';
import type { HttpAnswer, HttpClient } from '../http-client';
import type { Ledger } from '../ledger';
import type { Scheduled, Ticker } from '../ticker';
import { checkJoin } from './join-check';
import { RecordingCounters } from './recording-stats';
import type { SegmentProtocol, SegmentRef } from './segment-protocol';

export interface RecorderSettings {
  /** Simulated ms between uploads of downloaded segments (recnode's tar size, in time). */
  uploadIntervalMs: number;
  /** Simulated ms the final upload takes after a DELETE. */
  finalUploadMs: number;
  /** Consecutive playlist failures after which the recording ends (completed on 404/410). */
  giveUpAfterFailures: number;
  /**
   * Recorders that only say `recording` and never touch the stream: for measuring recflow's side
   * with tens of thousands of recordings, where the recordings' work itself is not the question.
   */
  passive: boolean;
}

export const DEFAULT_RECORDER_SETTINGS: RecorderSettings = {
  uploadIntervalMs: 20_000,
  finalUploadMs: 2_000,
  giveUpAfterFailures: 5,
  passive: false,
};

export interface RecorderDeps {
  node: string;
  clock: Clock;
  ticker: Ticker;
  protocol: SegmentProtocol;
  http: HttpClient;
  ledger: Ledger;
  settings: RecorderSettings;
  /** The node's download slowness fault, simulated ms before each segment request. */
  downloadDelayMs(): number;
}

/** Thrown out of every await once the node is dead, so that nothing more reaches Redis or the ledger. */
const DIED = Symbol('recorder died');
const FALLBACK_POLL_MS = 2000;

export class Recorder {
  status: RecnodeRecordingStatus = 'waiting';
  /** Uploads done so far; recnode's `num`, the sequence of its tars. */
  uploads = 0;
  readonly counters = new RecordingCounters();
  private stopped = false;
  private dead = false;
  private joined = false;
  private failures = 0;
  private pollMs = FALLBACK_POLL_MS;
  private next: Scheduled | null = null;
  private finishing: Promise<void> | null = null;
  /** Segments this node will not look at again: settled, claimed by it or by another node. */
  private readonly handled = new Set<number>();
  private readonly inFlight = new Set<number>();
  private readonly tasks = new Set<Promise<void>>();
  private pending: number[] = [];
  private lastUpload: number;
  /** The LiveState's streamUrl with its streamParams, built once. */
  private readonly playlistUrl: URL;

  constructor(
    readonly state: LiveState,
    private readonly deps: RecorderDeps,
  ) {
    this.lastUpload = deps.clock.now();
    this.playlistUrl = new URL(state.streamUrl);
    for (const [name, values] of Object.entries(state.streamParams ?? {})) {
      for (const value of values) this.playlistUrl.searchParams.append(name, value);
    }
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

  /** DELETE: stop polling, let downloads finish, upload everything. Resolves when done. */
  abort(): Promise<void> {
    this.finishing ??= this.finish();
    return this.finishing;
  }

  /** The node died: nothing more happens, and what was not uploaded is gone. */
  kill(): void {
    this.dead = true;
    this.stopped = true;
    this.next?.cancel();
    this.deps.ledger.discarded(this.id, this.deps.node, this.pending);
    this.pending = [];
  }

  /** A download is running (recnode's `full_stats` answers 500 then). */
  get downloading(): boolean {
    return this.inFlight.size > 0;
  }

  private async finish(): Promise<void> {
    this.stopped = true;
    this.next?.cancel();
    // A poll still running may start downloads after this began; wait for those too.
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    await this.sleep(this.deps.settings.finalUploadMs);
    if (!this.dead) this.upload();
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
    const started = this.deps.clock.now();
    try {
      await this.cycle();
    } catch (error) {
      // Redis cut or unreachable, a protocol step failed: recnode logs and polls again.
      if (error === DIED) return;
    }
    if (!this.stopped) this.schedule(Math.max(0, this.pollMs - (this.deps.clock.now() - started)));
  }

  private async cycle(): Promise<void> {
    const answer = await this.step(this.fetch(this.playlistUrl));
    if (answer) this.counters.m3u8Request(answer.durationMs);
    const playlist = answer?.status === 200 ? tryParsePlaylist(answer.body.toString('utf8')) : null;
    if (!playlist) return this.playlistFailed(answer?.status ?? null);
    this.failures = 0;
    this.pollMs = (playlist.targetDurationSec || FALLBACK_POLL_MS / 1000) * 1000;
    if (playlist.segments.length === 0) return;
    const entries = playlist.segments;
    if (!this.joined && !(await this.join(entries.map((e) => this.resolve(e))))) return;
    this.deps.ledger.observe(
      this.id,
      entries.map((e) => e.num),
    );
    await this.take(entries);
    if (this.deps.clock.now() - this.lastUpload >= this.deps.settings.uploadIntervalMs) this.upload();
  }

  private playlistFailed(status: number | null): void {
    this.counters.m3u8Retries++;
    this.failures++;
    if (this.failures < this.deps.settings.giveUpAfterFailures) return;
    this.status = status === 404 || status === 410 ? 'completed' : 'failed';
    void this.abort();
  }

  /** The first playlist: check it against the recorded state; an inconsistent live is marked invalid. */
  private async join(segments: SegmentRef[]): Promise<boolean> {
    const sizeOf = async (url: string) => (await this.fetch(new URL(url), 'HEAD'))?.contentLength ?? null;
    const { protocol, clock } = this.deps;
    const reason = await this.step(checkJoin(protocol, this.id, segments, clock.now(), sizeOf));
    if (reason) {
      await this.step(protocol.markInvalid(this.id));
      this.status = 'failed';
      this.stopped = true;
      return false;
    }
    this.joined = true;
    this.status = 'recording';
    return true;
  }

  /** The segment protocol over this playlist's segments, plus this node's share of the retries. */
  private async take(entries: MediaPlaylist['segments']): Promise<void> {
    // Only segments this node has not settled are resolved: URL parsing is a visible share of the
    // CPU with thousands of recorders.
    const fresh = entries
      .filter((e) => !this.handled.has(e.num) && !this.inFlight.has(e.num))
      .map((e) => this.resolve(e));
    const { protocol, ledger, node } = this.deps;
    const screened = await this.step(
      protocol.screen(
        this.id,
        fresh.map((s) => s.num),
      ),
    );
    const open = new Set(screened.open);
    const locked = new Set(screened.locked);
    // A segment only locked may still be free once the lock expires (its holder died before the
    // claim), so it is looked at again; anything in a set is settled for this node.
    for (const s of fresh) if (!open.has(s.num) && !locked.has(s.num)) this.handled.add(s.num);
    const candidates = fresh.filter((s) => open.has(s.num));
    if (candidates.length > 0 && !this.stopped) {
      const { claimed, claimTaken } = await protocol.lockAndClaim(this.id, candidates);
      // The claims are in Redis even if this node died while their replies were on the way.
      for (const state of claimed) ledger.claimed(this.id, node, state.num);
      if (this.dead) throw DIED;
      for (const num of claimTaken) this.handled.add(num);
      for (const state of claimed) {
        this.handled.add(state.num);
        this.track(this.download(state, false));
      }
    }
    for (const num of screened.retrying) {
      if (!this.inFlight.has(num) && !this.stopped) this.track(this.retry(num));
    }
    const oldest = entries[0]!.num;
    for (const num of this.handled) if (num < oldest) this.handled.delete(num);
  }

  private async retry(num: number): Promise<void> {
    this.inFlight.add(num);
    try {
      const turn = await this.step(this.deps.protocol.takeRetry(this.id, num));
      if (turn.kind !== 'go') return;
      this.counters.segmentRetries++;
      await this.download(turn.state, true);
    } catch (error) {
      if (error !== DIED) this.counters.failed++;
    } finally {
      this.inFlight.delete(num);
    }
  }

  private async download(state: RecnodeSegmentState, isRetry: boolean): Promise<void> {
    this.inFlight.add(state.num);
    try {
      await this.step(this.sleep(this.deps.downloadDelayMs()));
      const answer = await this.step(this.fetch(new URL(state.url)));
      if (answer) this.counters.segmentRequest(answer.durationMs);
      const verified = answer?.status === 200 && verifySegmentBody(answer.body) !== null;
      if (!answer || !verified) {
        this.counters.failed++;
        if (!isRetry) await this.step(this.deps.protocol.toRetrying(this.id, state));
        return;
      }
      // Downloaded but not yet uploaded from here on: a death now loses it (the second window).
      this.deps.ledger.downloaded(this.id, this.deps.node, state.num);
      this.pending.push(state.num);
      this.counters.processed++;
      await this.step(this.deps.protocol.succeed(this.id, state, answer.body.length));
    } catch (error) {
      // Redis failed mid-protocol: the claim stays, as it would for recnode, and the segment is
      // measured as missing unless this node already holds it for upload.
      if (error !== DIED) this.counters.failed++;
    } finally {
      this.inFlight.delete(state.num);
    }
  }

  private resolve(entry: MediaPlaylist['segments'][number]): SegmentRef {
    return { num: entry.num, url: new URL(entry.uri, this.playlistUrl).href, durationSec: entry.durationSec };
  }

  private upload(): void {
    this.lastUpload = this.deps.clock.now();
    if (this.pending.length === 0) return;
    this.deps.ledger.uploaded(this.id, this.deps.node, this.pending);
    this.pending = [];
    this.uploads++;
  }

  /** A GET or HEAD with the LiveState's headers; null when the request itself failed. */
  private async fetch(url: URL, method: 'GET' | 'HEAD' = 'GET'): Promise<HttpAnswer | null> {
    try {
      return await this.deps.http.request(url, this.state.streamHeaders, method);
    } catch {
      return null;
    }
  }
}
