/**
 * recnode's segment protocol over the shared Redis, step by step as interfaces.md gives it: skip a
 * segment in any of the three sets or whose `lock:0` exists; `SET lock:0 NX PX`; `SET segment NX`
 * (the claim); download; `ZADD segments:success` under the success lock; on failure move it to
 * `retrying` with `parallel_limit` 3, count retries, and give up to `failed` after 12.
 * Protocol durations are simulated time, so at scale 1 they are exactly recnode's. Commands a step
 * needs are issued together rather than as explicit pipelines: the shared connection auto-pipelines
 * them with every other recorder's into one write per tick, which at 4,000 recorders saves most of
 * the socket writes.
 */
import { randomUUID } from 'node:crypto';
import {
  LiveState,
  liveStateKey,
  RECNODE_PROTOCOL,
  RecnodeSegmentState,
  segmentKey,
  segmentLockKey,
  segmentRetryKey,
  segmentSetKey,
  successLockKey,
} from '@recflow/contracts';
import type { Redis } from 'ioredis';
import type { Clock } from '../clock';

/** The node is cut from Redis (a fault), or Redis itself is unreachable. */
export class RedisUnavailable extends Error {}

export interface SegmentRef {
  num: number;
  url: string;
  durationSec: number;
}

export type RetryTurn = { kind: 'busy' } | { kind: 'failed' } | { kind: 'go'; state: RecnodeSegmentState };

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const SUCCESS_LOCK_TTL_MS = 2000;
const SUCCESS_LOCK_ATTEMPTS = 250;

export class SegmentProtocol {
  constructor(
    private readonly redis: () => Redis,
    private readonly clock: Clock,
  ) {}

  /** Real milliseconds of a simulated expiry, never 0 (Redis rejects PX 0). */
  private px(simMs: number): number {
    return Math.max(1, Math.round(this.clock.toRealMs(simMs)));
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  async readLiveState(id: string): Promise<LiveState | null> {
    const text = await this.redis().get(liveStateKey(id));
    return text === null ? null : LiveState.parse(JSON.parse(text));
  }

  async liveStateExists(id: string): Promise<boolean> {
    return (await this.redis().exists(liveStateKey(id))) === 1;
  }

  /** Sets `isInvalid` in the LiveState, keeping its expiry; recflow reacts by restarting the live. */
  async markInvalid(id: string): Promise<void> {
    const state = await this.readLiveState(id);
    if (!state) return;
    const next = { ...state, isInvalid: true, updatedAt: new Date().toISOString() };
    await this.redis().set(liveStateKey(id), JSON.stringify(next), 'KEEPTTL', 'XX');
  }

  /**
   * Step 1 for a batch of segments, its commands issued together: which are still open (in no set, `lock:0`
   * free), which are only locked (another node may be between its lock and its claim), and the
   * current `retrying` set.
   */
  async screen(
    id: string,
    nums: number[],
  ): Promise<{ open: number[]; locked: number[]; retrying: number[] }> {
    const redis = this.redis();
    const members = nums.map(String);
    const checks =
      nums.length === 0
        ? []
        : [
            ...(['success', 'failed', 'retrying'] as const).map((set) =>
              redis.zmscore(segmentSetKey(id, set), ...members),
            ),
            ...nums.map((num) => redis.exists(segmentLockKey(id, num, 0))),
          ];
    const [retryingNow, ...results] = await Promise.all([
      redis.zrange(segmentSetKey(id, 'retrying'), 0, -1),
      ...checks,
    ]);
    const retrying = retryingNow.map(Number);
    const open: number[] = [];
    const locked: number[] = [];
    nums.forEach((num, i) => {
      const inSet = [0, 1, 2].some((s) => (results[s] as (string | null)[])[i] !== null);
      if (inSet) return;
      if (results[3 + i] === 1) locked.push(num);
      else open.push(num);
    });
    return { open, locked, retrying };
  }

  /** Steps 2 and 3: `lock:0`, then the claim, each issued together for the batch. */
  async lockAndClaim(
    id: string,
    segments: SegmentRef[],
  ): Promise<{ claimed: RecnodeSegmentState[]; lockTaken: number[]; claimTaken: number[] }> {
    const lockTtl = this.px(RECNODE_PROTOCOL.segmentLockTtlMs);
    const redis = this.redis();
    const lockResults = await Promise.all(
      segments.map((s) => redis.set(segmentLockKey(id, s.num, 0), '1', 'PX', lockTtl, 'NX')),
    );
    const won = segments.filter((_, i) => lockResults[i] === 'OK');
    const lockTaken = segments.filter((_, i) => lockResults[i] !== 'OK').map((s) => s.num);
    const now = this.iso();
    const states = won.map<RecnodeSegmentState>((s) => ({
      num: s.num,
      url: s.url,
      duration: s.durationSec,
      size: 0,
      parallel_limit: 1,
      is_retrying: false,
      created_at: now,
      updated_at: now,
    }));
    const keyTtl = this.px(RECNODE_PROTOCOL.segmentKeyTtlSec * 1000);
    const claimResults = await Promise.all(
      states.map((s) => redis.set(segmentKey(id, s.num), JSON.stringify(s), 'PX', keyTtl, 'NX')),
    );
    return {
      claimed: states.filter((_, i) => claimResults[i] === 'OK'),
      lockTaken,
      claimTaken: states.filter((_, i) => claimResults[i] !== 'OK').map((s) => s.num),
    };
  }

  /** Step 5: the segment is downloaded (and will be uploaded): into `success`, out of `retrying`. */
  async succeed(id: string, state: RecnodeSegmentState, size: number): Promise<void> {
    const lock = successLockKey(id);
    const token = randomUUID();
    await this.acquire(lock, token);
    try {
      const done = { ...state, size, is_retrying: false, updated_at: this.iso() };
      const keyTtl = this.px(RECNODE_PROTOCOL.segmentKeyTtlSec * 1000);
      const redis = this.redis();
      await Promise.all([
        redis.zadd(segmentSetKey(id, 'success'), state.num, String(state.num)),
        redis.pexpire(segmentSetKey(id, 'success'), keyTtl),
        state.is_retrying ? redis.zrem(segmentSetKey(id, 'retrying'), String(state.num)) : null,
        redis.set(segmentKey(id, state.num), JSON.stringify(done), 'KEEPTTL', 'XX'),
      ]);
    } finally {
      await this.redis().eval(RELEASE_IF_OWNER, 1, lock, token);
    }
  }

  /** A first download failed: let up to three nodes retry it. */
  async toRetrying(id: string, state: RecnodeSegmentState): Promise<void> {
    const retrying = {
      ...state,
      parallel_limit: RECNODE_PROTOCOL.retryParallelLimit,
      is_retrying: true,
      updated_at: this.iso(),
    };
    const redis = this.redis();
    await Promise.all([
      redis.set(segmentKey(id, state.num), JSON.stringify(retrying), 'KEEPTTL', 'XX'),
      redis.zadd(segmentSetKey(id, 'retrying'), state.num, String(state.num)),
      redis.pexpire(segmentSetKey(id, 'retrying'), this.px(RECNODE_PROTOCOL.segmentKeyTtlSec * 1000)),
    ]);
  }

  /** Takes a free retry lock `k < 3` and counts the retry; past the limit the segment fails. */
  async takeRetry(id: string, num: number): Promise<RetryTurn> {
    const lockTtl = this.px(RECNODE_PROTOCOL.segmentLockTtlMs);
    let locked = false;
    for (let k = 0; k < RECNODE_PROTOCOL.retryParallelLimit && !locked; k++) {
      locked = (await this.redis().set(segmentLockKey(id, num, k), '1', 'PX', lockTtl, 'NX')) === 'OK';
    }
    if (!locked) return { kind: 'busy' };
    const keyTtl = this.px(RECNODE_PROTOCOL.segmentKeyTtlSec * 1000);
    const redis = this.redis();
    const [retries, , text] = await Promise.all([
      redis.incr(segmentRetryKey(id, num)),
      redis.pexpire(segmentRetryKey(id, num), keyTtl),
      redis.get(segmentKey(id, num)),
    ]);
    if (retries > RECNODE_PROTOCOL.maxSegmentRetries) {
      await Promise.all([
        redis.zrem(segmentSetKey(id, 'retrying'), String(num)),
        redis.zadd(segmentSetKey(id, 'failed'), num, String(num)),
        redis.pexpire(segmentSetKey(id, 'failed'), keyTtl),
      ]);
      return { kind: 'failed' };
    }
    if (typeof text !== 'string') return { kind: 'busy' };
    return { kind: 'go', state: RecnodeSegmentState.parse(JSON.parse(text)) };
  }

  /** The recorded states of these segments, for a joining node's consistency check. */
  async states(id: string, nums: number[]): Promise<Map<number, RecnodeSegmentState>> {
    const found = new Map<number, RecnodeSegmentState>();
    if (nums.length === 0) return found;
    const texts = await this.redis().mget(nums.map((n) => segmentKey(id, n)));
    texts.forEach((text, i) => {
      if (text === null) return;
      const parsed = RecnodeSegmentState.safeParse(JSON.parse(text));
      if (parsed.success) found.set(nums[i]!, parsed.data);
    });
    return found;
  }

  /** The highest number in `success`, or null when nothing was recorded yet. */
  async highestSuccess(id: string): Promise<number | null> {
    const [top] = await this.redis().zrevrange(segmentSetKey(id, 'success'), 0, 0);
    return top === undefined ? null : Number(top);
  }

  private async acquire(lock: string, token: string): Promise<void> {
    for (let attempt = 0; attempt < SUCCESS_LOCK_ATTEMPTS; attempt++) {
      const ok = await this.redis().set(lock, token, 'PX', this.px(SUCCESS_LOCK_TTL_MS), 'NX');
      if (ok === 'OK') return;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('success lock is held too long by another node');
  }
}
