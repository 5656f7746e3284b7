/**
 * Hands the segments a dead node had claimed but never downloaded back to recnode's retry path.
 * recnode's claim (`SET segment:{n} NX`) outlives its holder for 24 h: once the download lock
 * expires the survivor tries the segment, fails to claim it, and skips it for good, so the segment
 * is lost although the live is still recorded and the origin still serves it.
 *
 * After recovery fails a binding it watches that live for a while, and it looks at every other
 * recording live in turn, a few per pass. A real claim carries
 * `size: null` and its node's naive local time, which says nothing across nodes (two nodes in
 * different time zones write times hours apart), so the age of a claim is measured in what
 * recflow itself observes: the live's stream. A claim is orphaned when recflow has seen it
 * unchanged, in none of the three sets, while the live's newest downloaded segment moved on by
 * twice the lock's lifetime of stream time: its holder had twice the lifetime of recnode's
 * download lock, and other nodes finished newer work meanwhile (a slow holder still alive would only make the segment
 * downloaded twice, so the margin is generous). Only segments still inside the origin's window
 * (ORIGIN_SEGMENT_WINDOW_SEC behind the newest) go back: older ones cannot be downloaded any more.
 * Each orphan moves to `segments:retrying` (parallel_limit 3), which the live's nodes work through
 * as they do any failed download; the move is one script that first checks the claim is
 * unchanged, in no set and not locked, so it cannot undo a node's concurrent success, and it holds
 * the extra retry locks so that one node, not three, retries.
 */
import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  RECNODE_PROTOCOL,
  RecnodeSegmentState,
  segmentKey,
  segmentLockKey,
  segmentSetKey,
} from '@recflow/contracts';
import { AppConfig } from '../config/app-config';
import { ServerRedis } from '../redis/server-redis';
import { Clock } from '../shared/clock';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';

const WATCH_KEY = 'recovery:claim-watch';
/** Per watched live: segment number → `{newest success when first seen}|{claim fingerprint}`. */
const seenKey = (liveId: string) => `recovery:claim-seen:${liveId}`;
/** Stream time the live must move on while a claim stays unchanged for it to count as orphaned. */
const ORPHAN_STREAM_MS = 2 * RECNODE_PROTOCOL.segmentLockTtlMs;
/**
 * A failed binding's live is swept this long (real time): 20 s of stream time take 20 s, and a
 * stream that stalls a while (its newest segment does not move) must still get its orphans back.
 */
const WATCH_MS = 90_000;
/** Recording lives looked at per pass besides the watched ones: a bound on a pass's Redis work. */
const ROTATION_BATCH = 50;
/** How far below the newest downloaded segment orphaned claims are looked for. */
const SPAN = 90;

// Moves one orphaned claim to `retrying`, unless the claim changed, the segment reached a set, or
// `lock:0` is held (a node is at it, or has just failed to claim it: the next sweep looks again).
// Retry locks 1 and 2 are taken for the lock's lifetime, so that exactly one node retries the
// segment (with lock 0) instead of up to three downloading it at once.
const REQUEUE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, 4 do
  if redis.call('ZSCORE', KEYS[i], ARGV[3]) then return 0 end
end
if redis.call('EXISTS', KEYS[5]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('SET', KEYS[6], 'recflow', 'PX', ARGV[5])
redis.call('SET', KEYS[7], 'recflow', 'PX', ARGV[5])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[3])
redis.call('PEXPIRE', KEYS[4], ARGV[4])
return 1`;

interface Orphan {
  liveId: string;
  num: number;
  raw: string;
  next: string;
}

@Injectable()
export class ClaimRepair {
  private readonly logger = new Logger('ClaimRepair');
  /** Where the turn over the recording lives goes on from. */
  private turn = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly redis: ServerRedis,
    private readonly recnode: RecnodeRedis,
  ) {}

  /** Watches these lives for orphaned claims from now on, for a while. */
  async watch(liveIds: string[]): Promise<void> {
    if (liveIds.length === 0) return;
    const until = this.clock.now().getTime() + WATCH_MS;
    await this.redis.client.zadd(WATCH_KEY, 'GT', ...liveIds.flatMap((id) => [until, id]));
  }

  /**
   * One pass over the watched lives, and over the next few of `recording` in turn; returns how many
   * claims went back to `retrying`. The turn exists because a node that stays up can orphan a
   * claim too (recnode's downloader has no timeout, so a hung download holds its claim for good,
   * and a Redis error after a download leaves it unsettled): every recording live is looked at
   * every `recording.length / ROTATION_BATCH` passes, which is also the spacing of the two
   * sightings a claim needs.
   */
  async sweep(recording: readonly string[] = []): Promise<number> {
    const now = this.clock.now().getTime();
    const result = await this.redis.client
      .multi()
      .zremrangebyscore(WATCH_KEY, '-inf', now)
      .zrange(WATCH_KEY, 0, -1)
      .exec();
    const watched = (result?.[1]?.[1] as string[] | undefined) ?? [];
    const liveIds = [...new Set([...watched, ...this.nextInTurn(recording)])];
    if (liveIds.length === 0) return 0;
    const orphans = await this.findOrphans(liveIds);
    if (orphans.length === 0) return 0;

    const pipeline = this.recnode.master.pipeline();
    const keyTtlMs = String(RECNODE_PROTOCOL.segmentKeyTtlSec * 1000);
    for (const o of orphans) {
      pipeline.eval(
        REQUEUE,
        7,
        segmentKey(o.liveId, o.num),
        segmentSetKey(o.liveId, 'success'),
        segmentSetKey(o.liveId, 'failed'),
        segmentSetKey(o.liveId, 'retrying'),
        segmentLockKey(o.liveId, o.num, 0),
        segmentLockKey(o.liveId, o.num, 1),
        segmentLockKey(o.liveId, o.num, 2),
        o.raw,
        o.next,
        String(o.num),
        keyTtlMs,
        String(RECNODE_PROTOCOL.segmentLockTtlMs),
      );
    }
    const moved = ((await pipeline.exec()) ?? []).map(([error, value]) => !error && value === 1);
    const byLive = new Map<string, number[]>();
    orphans.forEach((o, i) => {
      if (moved[i]) byLive.set(o.liveId, [...(byLive.get(o.liveId) ?? []), o.num]);
    });
    for (const [liveId, nums] of byLive)
      this.logger.warn(
        `live ${liveId}: segments ${nums.join(', ')} were claimed by a node that died; retrying them`,
      );
    return moved.filter(Boolean).length;
  }

  private nextInTurn(recording: readonly string[]): string[] {
    if (recording.length === 0) return [];
    const start = this.turn % recording.length;
    const batch = recording.slice(start, start + ROTATION_BATCH);
    if (batch.length < ROTATION_BATCH && recording.length > batch.length)
      batch.push(...recording.slice(0, Math.min(start, ROTATION_BATCH - batch.length)));
    this.turn = start + batch.length;
    return batch;
  }

  private async findOrphans(liveIds: string[]): Promise<Orphan[]> {
    const master = this.recnode.master;
    const tops = await master
      .pipeline(liveIds.map((id) => ['zrevrange', segmentSetKey(id, 'success'), '0', '0']))
      .exec();
    const watched = liveIds
      .map((liveId, i) => ({ liveId, top: (tops?.[i]?.[1] as string[] | undefined)?.[0] }))
      .filter((w): w is { liveId: string; top: string } => w.top !== undefined)
      .map((w) => ({ liveId: w.liveId, top: Number(w.top) }));
    if (watched.length === 0) return [];

    const pipeline = master.pipeline();
    for (const { liveId, top } of watched) {
      for (const set of ['success', 'failed', 'retrying'] as const)
        pipeline.zrangebyscore(segmentSetKey(liveId, set), top - SPAN, top);
      pipeline.mget(Array.from({ length: SPAN + 1 }, (_, k) => segmentKey(liveId, top - SPAN + k)));
    }
    const [replies, seen] = await Promise.all([
      pipeline.exec().then((r) => r ?? []),
      this.redis.client
        .pipeline(watched.map(({ liveId }) => ['hgetall', seenKey(liveId)]))
        .exec()
        .then((r) => (r ?? []).map(([, v]) => (v ?? {}) as Record<string, string>)),
    ]);
    const windowMs = this.config.values.ORIGIN_SEGMENT_WINDOW_SEC * 1000;
    const orphans: Orphan[] = [];
    const sightings = this.redis.client.pipeline();
    watched.forEach(({ liveId, top }, i) => {
      const [success, failed, retrying, states] = replies.slice(i * 4, i * 4 + 4).map((r) => r[1]) as [
        string[],
        string[],
        string[],
        Array<string | null>,
      ];
      if (!states) return;
      const settled = new Set([...(success ?? []), ...(failed ?? []), ...(retrying ?? [])].map(Number));
      const firstSeen = seen[i] ?? {};
      const next: Record<string, string> = {};
      states.forEach((raw, k) => {
        const num = top - SPAN + k;
        if (num === top || settled.has(num)) return;
        const claim = parseState(raw);
        if (!claim) return;
        const durationMs = claim.state.duration * 1000;
        // Older than the origin keeps: a retry would only fail, twelve times.
        if ((top - num) * durationMs > windowMs) return;
        const fingerprint = createHash('sha1').update(raw!).digest('base64url').slice(0, 16);
        const [seenAtTop, seenPrint] = (firstSeen[num] ?? '').split('|');
        if (seenPrint !== fingerprint || seenAtTop === undefined) {
          next[num] = `${top}|${fingerprint}`;
          return;
        }
        next[num] = firstSeen[num]!;
        if ((top - Number(seenAtTop)) * durationMs < ORPHAN_STREAM_MS) return;
        const requeued = {
          ...claim.json,
          parallel_limit: RECNODE_PROTOCOL.retryParallelLimit,
          is_retrying: true,
        };
        orphans.push({ liveId, num, raw: raw!, next: JSON.stringify(requeued) });
      });
      // The sightings of this sweep replace the last: claims that settled are forgotten.
      sightings.del(seenKey(liveId));
      if (Object.keys(next).length > 0)
        sightings.hset(seenKey(liveId), next).pexpire(seenKey(liveId), WATCH_MS);
    });
    await sightings.exec();
    return orphans;
  }
}

function parseState(
  raw: string | null,
): { state: RecnodeSegmentState; json: Record<string, unknown> } | null {
  if (raw === null) return null;
  try {
    const json = JSON.parse(raw) as Record<string, unknown>;
    const parsed = RecnodeSegmentState.safeParse(json);
    return parsed.success ? { state: parsed.data, json } : null;
  } catch {
    return null;
  }
}
