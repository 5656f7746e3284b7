/**
 * Ends lives whose broadcast is over (behaviour.md §6.4, with §14.2 and §15 in mind): a recording
 * live is finished (SQS complete) when its channel is offline, or live under another broadcast id
 * (the broadcast restarted: detection records the new one). A platform that does not answer is a
 * temporary outage, never an end. `finalizing` lives are the finisher's, and are left alone.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { settleWithConcurrency } from '../shared/concurrency';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { LiveFinisher } from './live-finisher';

const CONCURRENCY = 8;

@Injectable()
export class LiveCleaner {
  private readonly logger = new Logger('LiveCleaner');

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly streamq: StreamqClient,
    private readonly finisher: LiveFinisher,
  ) {}

  async clean(): Promise<{ checked: number; ended: number; unknown: number }> {
    const lives = (
      (await this.handle.database.db.execute(sql`
        select l.id, p.name as platform, c.source_id as "channelUid", l.source_id as "sourceId"
        from live l join channel c on c.id = l.channel_id join platform p on p.id = l.platform_id
        where l.status = 'recording'`)) as unknown as {
        rows: Array<{ id: string; platform: PlatformName; channelUid: string; sourceId: string }>;
      }
    ).rows;
    const outcome = { checked: lives.length, ended: 0, unknown: 0 };
    await settleWithConcurrency(lives, CONCURRENCY, async (l) => {
      let ended: string | null;
      try {
        const info = await this.streamq.fetchChannel(l.platform, l.channelUid, true);
        if (!info) ended = 'the channel no longer exists';
        else if (!info.openLive) ended = 'the broadcast ended';
        else if (info.liveInfo && info.liveInfo.liveUid !== l.sourceId)
          ended = 'the broadcast restarted under a new id';
        else ended = null;
      } catch {
        outcome.unknown++;
        return;
      }
      if (!ended) return;
      this.logger.log(`Live ${l.id}: ${ended}; finishing it`);
      await this.finisher
        .request(l.id, 'finish', false, 'cleaner')
        .catch((error: Error) => this.logger.warn(`live ${l.id} not finished: ${error.message}`));
      outcome.ended++;
    });
    return outcome;
  }
}
