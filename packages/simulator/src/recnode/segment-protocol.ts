/**
 * recnode's segment protocol over the shared Redis, step by step as recnode's own code does it
 * (rwiv/recnode recnode/recorder/stream/stream_recorder_seg.py `__process_segment`,
 * recnode/data/segment/seg_state_service.py):
 * - screen: skip a segment in `success` or `failed`, and a first attempt also when it is in
 *   `retrying` or `lock:0` is held. Screening reads the REPLICA, as recnode does, so it can lag.
 * - lock: a free `lock:k` with `k < parallel_limit` (`SET NX PX`), then the claim `SET segment NX`
 *   (a first attempt) or `INCR retry` (a retry). The claim carries `size: null` and the node's naive
 *   local time.
 * - download; `ZADD success` under the success lock and the state rewritten with its size; or, on a
 *   first failure, `retrying` with `parallel_limit` 3; a retry that fails with 12 or more retries
 *   counted moves the segment to `failed`.
 * - the lock is released after every attempt, whatever its outcome.
 * Protocol durations are simulated time, so at scale 1 they are exactly recnode's. Commands a step
 * needs are issued together rather than as explicit pipelines: the shared connection auto-pipelines
 * them with every other recorder's into one write per tick.
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
import type { NodeClock } from './node-clock';

/** The node is cut from Redis (a fault), or Redis itself is unreachable. */
export class RedisUnavailable extends Error {}

export interface SegmentRef {
  num: number;
  url: string;
  durationSec: number;
}

/** A download lock a node holds; released after the attempt. */
export interface HeldLock {
  num: number;
  k: number;
  token: string;
}

export interface Connections {
  master(): Redis;
  /** Where recnode reads segment sets, segment states and the LiveState from. */
  replica(): Redis;
}

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const SUCCESS_LOCK_TTL_MS = 2000;
const SUCCESS_LOCK_ATTEMPTS = 250;

export class SegmentProtocol {
  constructor(
    private readonly redis: Connections,
    private readonly clock: NodeClock,
  ) {}

  /** Real milliseconds of a simulated expiry, never 0 (Redis rejects PX 0). */
  private px(simMs: number): number {
    return Math.max(1, Math.round(this.clock.toRealMs(simMs)));
  }

  private keyTtl(): number {
    return this.px(RECNODE_PROTOCOL.segmentKeyTtlSec * 1000);
  }

  async readLiveState(id: string, from: 'master' | 'replica'): Promise<LiveState | null> {
    const text = await (from === 'master' ? this.redis.master() : this.redis.replica()).get(liveStateKey(id));
    return text === null ? null : LiveState.parse(JSON.parse(text));
  }

  /**
   * Sets `isInvalid` as recnode does (recnode/data/live/live_state_service.py): the state is read
   * from the master and written back with a plain SET whose expiry is the one the REPLICA reports,
   * or none when the replica has no expiry (or no key yet). So a lagging replica makes the state
   * immortal, and a state recflow deleted between the read and the write comes back.
   */
  async markInvalid(id: string): Promise<void> {
    const state = await this.readLiveState(id, 'master');
    if (!state) return;
    const ttl = await this.redis.replica().pttl(liveStateKey(id));
    const text = JSON.stringify({ ...state, isInvalid: true });
    if (ttl > 0) await this.redis.master().set(liveStateKey(id), text, 'PX', ttl);
    else await this.redis.master().set(liveStateKey(id), text);
  }

  /**
   * The screening of a poll's new segments, from the replica: which are open to a first attempt,
   * which are only locked (a node is at it; it is looked at again next poll), and the `retrying`
   * set with its states (the retry path of the same poll).
   */
  async screen(
    id: string,
    nums: number[],
  ): Promise<{ open: number[]; locked: number[]; retrying: RecnodeSegmentState[] }> {
    const replica = this.redis.replica();
    const members = nums.map(String);
    const checks =
      nums.length === 0
        ? []
        : [
            ...(['success', 'failed', 'retrying'] as const).map((set) =>
              replica.zmscore(segmentSetKey(id, set), ...members),
            ),
            ...nums.map((num) => replica.exists(segmentLockKey(id, num, 0))),
          ];
    const [retryingNow, ...results] = await Promise.all([
      replica.zrange(segmentSetKey(id, 'retrying'), 0, -1),
      ...checks,
    ]);
    const open: number[] = [];
    const locked: number[] = [];
    nums.forEach((num, i) => {
      const inSet = [0, 1, 2].some((s) => (results[s] as (string | null)[])[i] !== null);
      if (inSet) return;
      if (results[3 + i] === 1) locked.push(num);
      else open.push(num);
    });
    const retryNums = (retryingNow as string[]).map(Number);
    const retrying = [...(await this.states(id, retryNums, 'replica')).values()];
    return { open, locked, retrying };
  }

  /** A first attempt: `lock:0`, then the claim, each issued together for the batch. */
  async lockAndClaim(
    id: string,
    segments: SegmentRef[],
  ): Promise<{ claimed: Array<{ state: RecnodeSegmentState; lock: HeldLock }>; claimTaken: number[] }> {
    const lockTtl = this.px(RECNODE_PROTOCOL.segmentLockTtlMs);
    const master = this.redis.master();
    const tokens = segments.map(() => randomUUID());
    const lockResults = await Promise.all(
      segments.map((s, i) => master.set(segmentLockKey(id, s.num, 0), tokens[i]!, 'PX', lockTtl, 'NX')),
    );
    const won = segments
      .map((s, i) => ({ s, lock: { num: s.num, k: 0, token: tokens[i]! } }))
      .filter((_, i) => lockResults[i] === 'OK');
    const now = this.clock.localIso();
    const states = won.map(({ s, lock }) => ({
      lock,
      state: {
        num: s.num,
        url: s.url,
        duration: s.durationSec,
        size: null,
        parallel_limit: 1,
        is_retrying: false,
        created_at: now,
        updated_at: now,
      } satisfies RecnodeSegmentState,
    }));
    const claimResults = await Promise.all(
      states.map(({ state }) =>
        master.set(segmentKey(id, state.num), JSON.stringify(state), 'PX', this.keyTtl(), 'NX'),
      ),
    );
    const claimed = states.filter((_, i) => claimResults[i] === 'OK');
    const taken = states.filter((_, i) => claimResults[i] !== 'OK');
    // Another node's claim: this attempt ends here, and like every attempt it frees its lock.
    await Promise.all(taken.map(({ lock }) => this.release(id, lock)));
    return { claimed, claimTaken: taken.map(({ state }) => state.num) };
  }

  /** A retry: a free lock `k < parallel_limit` (3 while retrying), then the retry counted. */
  async lockRetry(id: string, state: RecnodeSegmentState): Promise<HeldLock | null> {
    const lockTtl = this.px(RECNODE_PROTOCOL.segmentLockTtlMs);
    const master = this.redis.master();
    for (let k = 0; k < state.parallel_limit; k++) {
      const token = randomUUID();
      if ((await master.set(segmentLockKey(id, state.num, k), token, 'PX', lockTtl, 'NX')) === 'OK') {
        await Promise.all([
          master.incr(segmentRetryKey(id, state.num)),
          master.pexpire(segmentRetryKey(id, state.num), this.keyTtl()),
        ]);
        return { num: state.num, k, token };
      }
    }
    return null;
  }

  async release(id: string, lock: HeldLock): Promise<void> {
    await this.redis.master().eval(RELEASE_IF_OWNER, 1, segmentLockKey(id, lock.num, lock.k), lock.token);
  }

  async inSuccess(id: string, num: number, from: 'master' | 'replica'): Promise<boolean> {
    const redis = from === 'master' ? this.redis.master() : this.redis.replica();
    return (await redis.zscore(segmentSetKey(id, 'success'), String(num))) !== null;
  }

  /** The segment is downloaded (and will be uploaded): into `success`, its size measured. */
  async succeed(id: string, state: RecnodeSegmentState, size: number): Promise<void> {
    await this.underSuccessLock(id, async (master) => {
      await Promise.all([
        master.zadd(segmentSetKey(id, 'success'), state.num, String(state.num)),
        master.pexpire(segmentSetKey(id, 'success'), this.keyTtl()),
      ]);
    });
    const done: RecnodeSegmentState = {
      ...state,
      size,
      is_retrying: false,
      parallel_limit: 1,
      updated_at: this.clock.localIso(),
    };
    const master = this.redis.master();
    await Promise.all([
      master.set(segmentKey(id, state.num), JSON.stringify(done), 'PX', this.keyTtl()),
      master.del(segmentRetryKey(id, state.num)),
      master.zrem(segmentSetKey(id, 'retrying'), String(state.num)),
      master.zrem(segmentSetKey(id, 'failed'), String(state.num)),
    ]);
  }

  /** A first download failed: up to three nodes may retry it, unless it succeeded meanwhile. */
  async toRetrying(id: string, state: RecnodeSegmentState): Promise<void> {
    await this.underSuccessLock(id, async (master) => {
      if (await this.inSuccess(id, state.num, 'master')) return;
      const retrying: RecnodeSegmentState = {
        ...state,
        parallel_limit: RECNODE_PROTOCOL.retryParallelLimit,
        is_retrying: true,
        updated_at: this.clock.localIso(),
      };
      await Promise.all([
        master.set(segmentKey(id, state.num), JSON.stringify(retrying), 'PX', this.keyTtl()),
        master.zadd(segmentSetKey(id, 'retrying'), state.num, String(state.num)),
        master.pexpire(segmentSetKey(id, 'retrying'), this.keyTtl()),
      ]);
    });
  }

  /**
   * A retry failed. Once the retries counted reach `maxSegmentRetries` (recnode: parallel retry
   * limit 3 × failure threshold ratio 4) the segment moves to `failed` and leaves `retrying`.
   * Returns whether it did.
   */
  async retryFailed(id: string, num: number): Promise<boolean> {
    const count = Number((await this.redis.replica().get(segmentRetryKey(id, num))) ?? 0);
    if (count < RECNODE_PROTOCOL.maxSegmentRetries) return false;
    await this.underSuccessLock(id, async (master) => {
      if (await this.inSuccess(id, num, 'master')) return;
      await Promise.all([
        master.zadd(segmentSetKey(id, 'failed'), num, String(num)),
        master.pexpire(segmentSetKey(id, 'failed'), this.keyTtl()),
      ]);
    });
    const master = this.redis.master();
    await Promise.all([
      master.zrem(segmentSetKey(id, 'retrying'), String(num)),
      master.del(segmentRetryKey(id, num)),
    ]);
    return true;
  }

  /** The recorded states of these segments. */
  async states(
    id: string,
    nums: number[],
    from: 'master' | 'replica' = 'replica',
  ): Promise<Map<number, RecnodeSegmentState>> {
    const found = new Map<number, RecnodeSegmentState>();
    if (nums.length === 0) return found;
    const redis = from === 'master' ? this.redis.master() : this.redis.replica();
    const texts = await redis.mget(nums.map((n) => segmentKey(id, n)));
    texts.forEach((text, i) => {
      if (text === null) return;
      const parsed = RecnodeSegmentState.safeParse(JSON.parse(text));
      if (parsed.success) found.set(nums[i]!, parsed.data);
    });
    return found;
  }

  /** The highest number in `success` (replica), or null when nothing was recorded yet. */
  async highestSuccess(id: string): Promise<number | null> {
    const [top] = await this.redis.replica().zrevrange(segmentSetKey(id, 'success'), 0, 0);
    return top === undefined ? null : Number(top);
  }

  /** Numbers in `success` between `first` and `last` (replica). */
  async successBetween(id: string, first: number, last: number): Promise<number[]> {
    const members = await this.redis.replica().zrangebyscore(segmentSetKey(id, 'success'), first, last);
    return members.map(Number);
  }

  private async underSuccessLock(id: string, run: (master: Redis) => Promise<void>): Promise<void> {
    const lock = successLockKey(id);
    const token = randomUUID();
    await this.acquire(lock, token);
    try {
      await run(this.redis.master());
    } finally {
      await this.redis.master().eval(RELEASE_IF_OWNER, 1, lock, token);
    }
  }

  private async acquire(lock: string, token: string): Promise<void> {
    for (let attempt = 0; attempt < SUCCESS_LOCK_ATTEMPTS; attempt++) {
      const ok = await this.redis.master().set(lock, token, 'PX', this.px(SUCCESS_LOCK_TTL_MS), 'NX');
      if (ok === 'OK') return;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('success lock is held too long by another node');
  }
}
