/**
 * Ends lives whose broadcast is over, and only those. Each recording live's broadcast is judged by
 * BroadcastCheck, and each verdict has one path:
 * - ended (the channel is offline or gone) → finished (SQS complete);
 * - restarted (live under a new broadcast id) → the old live is finished, and detection records
 *   the new broadcast with a freshly resolved stream;
 * - unavailable (same broadcast, stream not fetchable now) → kept with its recorders; the start and
 *   the end of the outage are audited once each (`stream_unavailable_since` holds the state, so
 *   neither repeats every cycle nor across replicas);
 * - unknown (the platform did not answer) → nothing: never taken for an end.
 * `finalizing` lives are the finisher's, and are left alone (the original's cleaner could delete
 * a live being finished before its finish event was sent).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { AuditLog } from '../audit/audit-log';
import { DatabaseHandle } from '../db/db.module';
import { jsonParam, queryRows } from '../db/raw';
import { settleWithConcurrency } from '../shared/concurrency';
import type { ResolvedStream } from '../upstream/stlink/stlink.client';
import { BroadcastCheck } from './broadcast-check';
import { LiveFinisher } from './live-finisher';

const CONCURRENCY = 8;

interface WatchedLive {
  id: string;
  platform: PlatformName;
  channelUid: string;
  sourceId: string;
  isAdult: boolean;
  stream: ResolvedStream | null;
  unavailableSince: string | null;
}

export interface CleanupOutcome {
  checked: number;
  ended: number;
  restarted: number;
  unavailable: number;
  unknown: number;
}

@Injectable()
export class LiveCleaner {
  private readonly logger = new Logger('LiveCleaner');

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly broadcasts: BroadcastCheck,
    private readonly finisher: LiveFinisher,
    private readonly audit: AuditLog,
  ) {}

  async clean(): Promise<CleanupOutcome> {
    const lives = await queryRows<WatchedLive>(
      this.handle.database.db,
      sql`
      select l.id, p.name as platform, c.source_id as "channelUid", l.source_id as "sourceId",
             l.is_adult as "isAdult", l.stream_unavailable_since as "unavailableSince",
             case when s.id is null then null
                  else json_build_object('url', s.url, 'params', s.params, 'headers', s.headers) end as stream
      from live l join channel c on c.id = l.channel_id join platform p on p.id = l.platform_id
      left join live_stream s on s.id = l.live_stream_id
      where l.status = 'recording'`,
    );
    const outcome: CleanupOutcome = {
      checked: lives.length,
      ended: 0,
      restarted: 0,
      unavailable: 0,
      unknown: 0,
    };
    const unavailable = new Map<string, string>();
    const available: string[] = [];
    await settleWithConcurrency(lives, CONCURRENCY, async (live) => {
      const verdict = await this.broadcasts.check(live);
      switch (verdict.kind) {
        case 'on_air':
          if (live.unavailableSince) available.push(live.id);
          return;
        case 'unknown':
          outcome.unknown++;
          return;
        case 'unavailable':
          outcome.unavailable++;
          unavailable.set(live.id, verdict.reason);
          return;
        case 'ended':
          outcome.ended++;
          return this.finish(live.id, verdict.reason);
        case 'restarted':
          outcome.restarted++;
          return this.finish(live.id, `the broadcast restarted under a new id (${verdict.liveUid})`);
      }
    });
    await this.markUnavailable(unavailable);
    await this.markAvailable(available);
    return outcome;
  }

  private async finish(liveId: string, why: string): Promise<void> {
    this.logger.log(`Live ${liveId}: ${why}; finishing it`);
    await this.finisher
      .request(liveId, 'finish', false, 'cleaner')
      .catch((error: Error) => this.logger.warn(`live ${liveId} not finished: ${error.message}`));
  }

  /** Starts an outage for lives not already in one; only those get the audit event. */
  private async markUnavailable(reasons: Map<string, string>): Promise<void> {
    if (reasons.size === 0) return;
    const started = await queryRows<{ id: string }>(
      this.handle.database.db,
      sql`
      update live set stream_unavailable_since = now()
      where id in (select jsonb_array_elements_text(${jsonParam([...reasons.keys()])})::uuid)
        and status = 'recording' and stream_unavailable_since is null
      returning id`,
    );
    for (const { id } of started) this.logger.warn(`Live ${id}: stream unavailable (${reasons.get(id)})`);
    await this.audit.record(
      ...started.map(({ id }) => ({
        kind: 'live.stream_unavailable',
        liveId: id,
        message: `the broadcast is on but its stream cannot be fetched (${reasons.get(id)}); recording kept`,
      })),
    );
  }

  /** Ends the outage of lives whose stream answers again; only those that were in one are audited. */
  private async markAvailable(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const ended = await queryRows<{ id: string; seconds: number }>(
      this.handle.database.db,
      sql`
      update live l set stream_unavailable_since = null
      from (select id, stream_unavailable_since as since from live
            where id in (select jsonb_array_elements_text(${jsonParam(ids)})::uuid)
              and stream_unavailable_since is not null
            for update) o
      where l.id = o.id
      returning l.id, round(extract(epoch from now() - o.since))::int as seconds`,
    );
    await this.audit.record(
      ...ended.map(({ id, seconds }) => ({
        kind: 'live.stream_available',
        liveId: id,
        message: `the stream answers again after ${seconds} s`,
      })),
    );
  }
}
