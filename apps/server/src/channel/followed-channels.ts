/**
 * The set of followed channel ids, cached in recflow's Redis (`channels:followed`) for the
 * detection loop, kept in step on every change and reconciled with the database periodically
 * (the original emptied the set, then refilled it). The replacement is atomic: the new set is built
 * under a temporary key and renamed over the old one, so readers never see a half-written set.
 */
import { Injectable, Logger } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { channel } from '../db/schema';
import { ServerRedis } from '../redis/server-redis';

export const FOLLOWED_KEY = 'channels:followed';
const CHUNK = 1_000;

export interface ReconcileOutcome {
  followed: number;
  added: number;
  removed: number;
  consistent: boolean;
}

@Injectable()
export class FollowedChannels {
  private readonly logger = new Logger('FollowedChannels');

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly redis: ServerRedis,
  ) {}

  /** Keeps the cache in step after a write; a Redis failure is logged and left to the reconciler. */
  async sync(changes: Array<{ id: string; followed: boolean }>): Promise<void> {
    if (changes.length === 0) return;
    const add = changes.filter((c) => c.followed).map((c) => c.id);
    const remove = changes.filter((c) => !c.followed).map((c) => c.id);
    const multi = this.redis.client.multi();
    if (add.length > 0) multi.sadd(FOLLOWED_KEY, ...add);
    if (remove.length > 0) multi.srem(FOLLOWED_KEY, ...remove);
    await multi
      .exec()
      .catch((error: Error) =>
        this.logger.warn(`followed set not updated (${error.message}); the reconciler will repair it`),
      );
  }

  /** The followed ids; rebuilt from the database when the cache is empty (e.g. Redis restarted). */
  async ids(): Promise<string[]> {
    const cached = await this.redis.client.smembers(FOLLOWED_KEY);
    if (cached.length > 0) return cached;
    await this.reconcile();
    return this.redis.client.smembers(FOLLOWED_KEY);
  }

  async reconcile(): Promise<ReconcileOutcome> {
    const rows = await this.handle.database.db
      .select({ id: channel.id })
      .from(channel)
      .where(eq(channel.isFollowed, true));
    const wanted = new Set(rows.map((r) => r.id));
    const cached = new Set(await this.redis.client.smembers(FOLLOWED_KEY));
    const added = [...wanted].filter((id) => !cached.has(id)).length;
    const removed = [...cached].filter((id) => !wanted.has(id)).length;
    const consistent = added === 0 && removed === 0;
    if (!consistent) {
      if (cached.size > 0) {
        this.logger.warn(
          `cache and database disagreed (${added} missing, ${removed} stale); replaced the cached set`,
        );
      }
      await this.replace([...wanted]);
    }
    return { followed: wanted.size, added, removed, consistent };
  }

  private async replace(ids: string[]): Promise<void> {
    if (ids.length === 0) {
      await this.redis.client.del(FOLLOWED_KEY);
      return;
    }
    const next = `${FOLLOWED_KEY}:next`;
    const multi = this.redis.client.multi().del(next);
    for (let i = 0; i < ids.length; i += CHUNK) multi.sadd(next, ...ids.slice(i, i + CHUNK));
    multi.rename(next, FOLLOWED_KEY);
    await multi.exec();
  }
}
