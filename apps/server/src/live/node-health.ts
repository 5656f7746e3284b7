/**
 * Which nodes did not answer the last recovery pass, shared through recflow's Redis so that every
 * replica's allocator sees it. Without it a dead node is the most attractive candidate there is:
 * its lives were just moved away, so it has the lowest load, and every replacement would first
 * wait out a start request to it (HTTP_TIMEOUT_MS) before trying a live node. The list is only
 * advice: it expires on its own if recovery stops running, and a Redis failure leaves allocation
 * as it would be without it.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ServerRedis } from '../redis/server-redis';

const KEY = 'recovery:unreachable-nodes';
const ERRORS_KEY = 'recovery:list-errors';

@Injectable()
export class NodeHealth {
  private readonly logger = new Logger('NodeHealth');

  constructor(
    private readonly config: AppConfig,
    private readonly redis: ServerRedis,
  ) {}

  /** Replaces the list with the nodes that did not answer this pass. */
  async record(unreachableIds: string[]): Promise<void> {
    const v = this.config.values;
    // A few missed passes and the list no longer describes the fleet.
    const ttlMs = 5 * (v.LIVE_RECOVERY_INTERVAL_MS + v.RECNODE_HEALTH_TIMEOUT_MS);
    const tx = this.redis.client.multi().del(KEY);
    if (unreachableIds.length > 0) tx.sadd(KEY, ...unreachableIds).pexpire(KEY, ttlMs);
    try {
      await tx.exec();
    } catch (error) {
      this.logger.warn(`cannot record unreachable nodes: ${(error as Error).message}`);
    }
  }

  /**
   * Counts, per node, the passes in a row whose list call was answered with a 500; a node that
   * did anything else this pass (answered, or did not answer at all) starts again from zero. Returns the counts after this pass. If
   * Redis fails, every erring node counts as at its first error: nothing is failed over for it.
   */
  async countListErrors(erring: string[], others: string[]): Promise<Map<string, number>> {
    const counts = new Map(erring.map((id) => [id, 1]));
    if (erring.length === 0 && others.length === 0) return counts;
    const tx = this.redis.client.multi();
    if (others.length > 0) tx.hdel(ERRORS_KEY, ...others);
    for (const id of erring) tx.hincrby(ERRORS_KEY, id, 1);
    if (erring.length > 0) tx.pexpire(ERRORS_KEY, 60 * 60_000);
    try {
      const replies = (await tx.exec()) ?? [];
      const offset = others.length > 0 ? 1 : 0;
      erring.forEach((id, i) => {
        counts.set(id, Number(replies[offset + i]?.[1] ?? 1));
      });
    } catch (error) {
      this.logger.warn(`cannot count list errors: ${(error as Error).message}`);
    }
    return counts;
  }

  async unreachable(): Promise<Set<string>> {
    try {
      return new Set(await this.redis.client.smembers(KEY));
    } catch (error) {
      this.logger.warn(`cannot read unreachable nodes: ${(error as Error).message}`);
      return new Set();
    }
  }
}
