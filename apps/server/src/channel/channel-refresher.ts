/**
 * Background channel refresh: each run takes a batch of the channels refreshed
 * longest ago (never-refreshed first), fetches their profiles from streamq with bounded
 * concurrency, and writes every result in one statement. A channel the platform no longer knows,
 * or whose fetch failed, only has its refresh time bumped so it does not block the round-robin.
 * `updated_at` is left alone: it records user edits.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { settleWithConcurrency } from '../shared/concurrency';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { ChannelRefreshRepository } from './channel-refresh.repository';

export interface RefreshOutcome {
  picked: number;
  refreshed: number;
  missing: number;
  failed: number;
}

@Injectable()
export class ChannelRefresher {
  private readonly logger = new Logger('ChannelRefresher');

  constructor(
    private readonly config: AppConfig,
    private readonly repository: ChannelRefreshRepository,
    private readonly streamq: StreamqClient,
  ) {}

  async refreshBatch(): Promise<RefreshOutcome> {
    const { CHANNEL_REFRESH_BATCH_SIZE, CHANNEL_REFRESH_CONCURRENCY } = this.config.values;
    const batch = await this.repository.pickOldest(CHANNEL_REFRESH_BATCH_SIZE);
    if (batch.length === 0) return { picked: 0, refreshed: 0, missing: 0, failed: 0 };
    const results = await settleWithConcurrency(batch, CHANNEL_REFRESH_CONCURRENCY, (c) =>
      this.streamq.fetchChannel(c.platform, c.sourceId),
    );
    const outcome: RefreshOutcome = { picked: batch.length, refreshed: 0, missing: 0, failed: 0 };
    const updates = batch.map((channel, i) => {
      const result = results[i]!;
      if (result.status === 'rejected') {
        outcome.failed++;
        this.logger.debug(
          `refresh of ${channel.platform}:${channel.sourceId} failed: ${(result.reason as Error).message}`,
        );
        return { id: channel.id, profile: null };
      }
      if (!result.value) outcome.missing++;
      else outcome.refreshed++;
      return { id: channel.id, profile: result.value };
    });
    await this.repository.applyRefresh(updates);
    return outcome;
  }
}
