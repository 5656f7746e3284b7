/**
 * What logging-only criteria saw (the original recorded it but never exposed it): per
 * criterion, one entry per broadcast (first sighting kept), for three days, in recflow's Redis.
 */
import { Injectable } from '@nestjs/common';
import type { LiveHistoryEntry } from '@recflow/contracts';
import { ServerRedis } from '../redis/server-redis';

const TTL_SEC = 3 * 24 * 3600;
const key = (criterionId: string) => `criteria:${criterionId}:history`;

@Injectable()
export class LiveHistory {
  constructor(private readonly redis: ServerRedis) {}

  async record(criterionId: string, entries: LiveHistoryEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const multi = this.redis.client.multi();
    for (const entry of entries)
      multi.hsetnx(key(criterionId), `${entry.platform}:${entry.liveUid}`, JSON.stringify(entry));
    multi.expire(key(criterionId), TTL_SEC);
    const results = (await multi.exec()) ?? [];
    return results.slice(0, entries.length).filter(([, added]) => added === 1).length;
  }

  async list(criterionId: string): Promise<LiveHistoryEntry[]> {
    const values = await this.redis.client.hvals(key(criterionId));
    return values
      .map((v) => JSON.parse(v) as LiveHistoryEntry)
      .sort((a, b) => b.seenAt.localeCompare(a.seenAt));
  }
}
