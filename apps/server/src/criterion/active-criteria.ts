/**
 * The active criteria, cached in memory and reloaded only when they change (the original re-read
 * them all, with their units, every second on every replica): every change bumps a version counter
 * in recflow's Redis, so every replica notices within one detection cycle at the cost of one GET.
 */
import { Injectable } from '@nestjs/common';
import { ServerRedis } from '../redis/server-redis';
import { type CriterionRecord, CriterionRepository } from './criterion.repository';

const VERSION_KEY = 'criteria:version';

@Injectable()
export class ActiveCriteria {
  private cached: { version: string; criteria: CriterionRecord[] } | undefined;

  constructor(
    private readonly redis: ServerRedis,
    private readonly repository: CriterionRepository,
  ) {}

  /** Called after any change to a criterion or its units. */
  async changed(): Promise<void> {
    await this.redis.client.incr(VERSION_KEY);
  }

  async list(): Promise<CriterionRecord[]> {
    const version = (await this.redis.client.get(VERSION_KEY)) ?? '0';
    if (this.cached?.version !== version) {
      const all = await this.repository.records();
      this.cached = { version, criteria: all.filter((c) => !c.criterion.isDeactivated) };
    }
    return this.cached.criteria;
  }
}
