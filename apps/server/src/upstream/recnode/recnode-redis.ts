/**
 * The recnode Redis, shared with every node: recflow writes each live's LiveState
 * and the `lives` index, and reads the segment sets the nodes write. Writes and reads that must
 * see the latest state go to the master; bulk reads may go to the replica, which can lag.
 *
 * The recording-state clean-up reads and deletes hundreds of thousands of keys when a backlog
 * builds up: it talks to the master through a connection of its own (`bulk`), so that its big
 * pipelines never queue ahead of the schedulers' commands on the shared one.
 */
import { readFileSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  LIVES_KEY,
  LiveState,
  liveStateKey,
  RECNODE_PROTOCOL,
  RECNODE_SEGMENT_SETS,
  type RecnodeSegmentSet,
  segmentKey,
  segmentLockKey,
  segmentRetryKey,
  segmentSetKey,
  successLockKey,
} from '@recflow/contracts';
import Redis, { type RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { UpstreamError } from '../../shared/errors';
import { UpstreamStats } from '../upstream-stats';
import { upstreamCall } from '../upstream-time';

export const RECNODE_REDIS = 'recnode-redis';
/** The clean-up's own connection, as CLIENT LIST names it. */
export const CLEANUP_CONNECTION_NAME = 'recflow-state-cleanup';

// SET NX EX and the ZADD to the `lives` index happen together or not at all.
const CREATE_STATE = `
if redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX') then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
  return 1
end
return 0`;

/** `bulk`: the master, through the clean-up's own connection. */
export type ReadFrom = 'master' | 'replica' | 'bulk';

const UNKNOWN_COMMAND = /unknown command/i;

@Injectable()
export class RecnodeRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('RecnodeRedis');
  readonly master: Redis;
  readonly replica: Redis;
  private readonly bulk: Redis;
  /** UNLINK (Redis ≥ 4) frees values off Redis's main thread; DEL where it is not known. */
  private unlinkKnown = true;

  constructor(
    config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {
    const v = config.values;
    const common: RedisOptions = {
      password: v.RECNODE_REDIS_PASSWORD,
      db: v.RECNODE_REDIS_DB,
      tls: v.RECNODE_REDIS_CA_PATH ? { ca: readFileSync(v.RECNODE_REDIS_CA_PATH) } : undefined,
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      commandTimeout: v.HTTP_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    };
    this.master = new Redis({
      ...common,
      host: v.RECNODE_REDIS_MASTER_HOST,
      port: v.RECNODE_REDIS_MASTER_PORT,
    });
    const hasReplica = v.RECNODE_REDIS_REPLICA_HOST !== undefined;
    this.replica = hasReplica
      ? new Redis({
          ...common,
          host: v.RECNODE_REDIS_REPLICA_HOST,
          port: v.RECNODE_REDIS_REPLICA_PORT ?? v.RECNODE_REDIS_MASTER_PORT,
        })
      : this.master;
    // Same options (lazy: it connects on the clean-up's first command), another socket, named so
    // that CLIENT LIST tells it apart.
    this.bulk = this.master.duplicate({ connectionName: CLEANUP_CONNECTION_NAME });
    for (const client of new Set([this.master, this.replica, this.bulk])) {
      client.on('error', (error: Error) => this.logger.debug(error.message));
    }
  }

  private client(from: ReadFrom): Redis {
    return from === 'master' ? this.master : from === 'bulk' ? this.bulk : this.replica;
  }

  /** Deletes keys on the clean-up's connection, without freeing their values on Redis's main thread. */
  private async unlink(keys: string[]): Promise<number> {
    if (this.unlinkKnown) {
      try {
        return await this.bulk.unlink(...keys);
      } catch (error) {
        if (!UNKNOWN_COMMAND.test((error as Error).message)) throw error;
        this.unlinkKnown = false;
      }
    }
    return this.bulk.del(...keys);
  }

  /** Runs one Redis call, turning its failure into a counted, typed upstream error. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      const result = await upstreamCall(fn);
      this.stats.record(RECNODE_REDIS, 'ok');
      return result;
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      this.stats.record(RECNODE_REDIS, 'unreachable');
      throw new UpstreamError(RECNODE_REDIS, `${what} failed: ${(error as Error).message}`, 'unreachable');
    }
  }

  private parseState(id: string, json: string | null): LiveState | null {
    if (json === null) return null;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      value = undefined;
    }
    const parsed = LiveState.safeParse(value);
    if (!parsed.success) {
      this.stats.record(RECNODE_REDIS, 'invalid_response');
      throw new UpstreamError(
        RECNODE_REDIS,
        `live:${id} does not hold a valid LiveState`,
        'invalid_response',
      );
    }
    return parsed.data;
  }

  /** Creates the LiveState and indexes it; false if one already exists (it is never overwritten). */
  async createLiveState(state: LiveState, ttlSec: number): Promise<boolean> {
    const payload = JSON.stringify(LiveState.parse(state));
    const created = await this.call('creating a LiveState', () =>
      this.master.eval(
        CREATE_STATE,
        2,
        liveStateKey(state.id),
        LIVES_KEY,
        payload,
        String(ttlSec),
        String(Date.parse(state.createdAt)),
        state.id,
      ),
    );
    return created === 1;
  }

  async liveState(id: string, from: ReadFrom = 'master'): Promise<LiveState | null> {
    const json = await this.call('reading a LiveState', () => this.client(from).get(liveStateKey(id)));
    return this.parseState(id, json);
  }

  /** States in the order of `ids`; `null` where there is none, `undefined` where it is unreadable. */
  async liveStates(ids: string[], from: ReadFrom = 'replica'): Promise<Array<LiveState | null | undefined>> {
    if (ids.length === 0) return [];
    const values = await this.call('reading LiveStates', () =>
      this.client(from).mget(...ids.map(liveStateKey)),
    );
    return values.map((json, i) => {
      try {
        return this.parseState(ids[i]!, json);
      } catch {
        return undefined;
      }
    });
  }

  /** Ids in the `lives` index with their creation time (epoch ms). */
  async indexedLives(from: ReadFrom = 'replica'): Promise<Array<{ id: string; createdAt: number }>> {
    const flat = await this.call('reading the lives index', () =>
      this.client(from).zrange(LIVES_KEY, 0, -1, 'WITHSCORES'),
    );
    const result: Array<{ id: string; createdAt: number }> = [];
    for (let i = 0; i < flat.length; i += 2) result.push({ id: flat[i]!, createdAt: Number(flat[i + 1]) });
    return result;
  }

  /** Ids in the `lives` index created at or before `before` (epoch ms), oldest first. */
  async livesCreatedBefore(before: number, from: ReadFrom = 'replica'): Promise<string[]> {
    return this.call('reading the lives index', () =>
      this.client(from).zrangebyscore(LIVES_KEY, '-inf', String(before)),
    );
  }

  /** The three segment sets of each live, sorted, in one pipelined round trip. */
  async segmentSets(
    ids: string[],
    from: ReadFrom = 'master',
  ): Promise<Array<Record<RecnodeSegmentSet, number[]>>> {
    if (ids.length === 0) return [];
    const results = await this.call('reading segment sets', async () => {
      const pipeline = this.client(from).pipeline();
      for (const id of ids)
        for (const set of RECNODE_SEGMENT_SETS) pipeline.zrange(segmentSetKey(id, set), 0, -1);
      return (await pipeline.exec()) ?? [];
    });
    return ids.map((_, i) => {
      const [success, failed, retrying] = RECNODE_SEGMENT_SETS.map((_, j) => {
        const [error, members] = results[i * 3 + j] ?? [new Error('no answer'), null];
        if (error)
          throw new UpstreamError(
            RECNODE_REDIS,
            `reading segment sets failed: ${error.message}`,
            'unreachable',
          );
        return (members as string[]).map(Number).sort((a, b) => a - b);
      });
      return { success: success!, failed: failed!, retrying: retrying! };
    });
  }

  /**
   * Deletes everything kept for a live: the keys of each known segment number (state, retry
   * counter, download locks) `batchSize` numbers per command, then the three sets and the success
   * lock, then the LiveState with its entry in `lives`. In this order a re-run after a crash still
   * finds the sets, and the live stays indexed until nothing else is left. Returns the keys deleted.
   * All of it goes through the clean-up's own connection.
   */
  async clearLive(id: string, nums: number[], batchSize: number): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < nums.length; i += batchSize) {
      const keys = nums
        .slice(i, i + batchSize)
        .flatMap((n) => [
          segmentKey(id, n),
          segmentRetryKey(id, n),
          ...Array.from({ length: RECNODE_PROTOCOL.retryParallelLimit }, (_, k) => segmentLockKey(id, n, k)),
        ]);
      deleted += await this.call('deleting segment keys', () => this.unlink(keys));
    }
    deleted += await this.call('deleting segment sets', () =>
      this.unlink([...RECNODE_SEGMENT_SETS.map((set) => segmentSetKey(id, set)), successLockKey(id)]),
    );
    const [del] =
      (await this.call('deleting a LiveState', () =>
        this.bulk.multi().del(liveStateKey(id)).zrem(LIVES_KEY, id).exec(),
      )) ?? [];
    return deleted + Number(del?.[1] ?? 0);
  }

  async deleteLiveState(id: string): Promise<void> {
    await this.call('deleting a LiveState', () =>
      this.master.multi().del(liveStateKey(id)).zrem(LIVES_KEY, id).exec(),
    );
  }

  async segmentNumbers(id: string, set: RecnodeSegmentSet, from: ReadFrom = 'replica'): Promise<number[]> {
    const members = await this.call('reading a segment set', () =>
      this.client(from).zrange(segmentSetKey(id, set), 0, -1),
    );
    return members.map(Number).sort((a, b) => a - b);
  }

  /** Sizes of the three segment sets of each live, in one pipelined round trip. */
  async segmentCounts(
    ids: string[],
    from: ReadFrom = 'replica',
  ): Promise<Array<Record<RecnodeSegmentSet, number>>> {
    if (ids.length === 0) return [];
    const sets = ['success', 'failed', 'retrying'] as const;
    const results = await this.call('counting segments', async () => {
      const pipeline = this.client(from).pipeline();
      for (const id of ids) for (const set of sets) pipeline.zcard(segmentSetKey(id, set));
      return (await pipeline.exec()) ?? [];
    });
    return ids.map((_, i) => {
      const [success, failed, retrying] = sets.map((_, j) => Number(results[i * 3 + j]?.[1] ?? 0));
      return { success: success!, failed: failed!, retrying: retrying! };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const client of new Set([this.master, this.replica, this.bulk])) client.disconnect();
  }
}
