/**
 * Streams resolved ahead of registration and kept honest, for every platform (the original
 * resolved soop's only):
 * - `prefetch`: channels worth recording that have no stream yet are checked in round-robin order;
 *   a live one gets its stream resolved and checked now, so registration is fast; one that stlink
 *   cannot open yet (standby, adult without credentials) is left alone for STREAM_BACKOFF_SEC.
 * - `audit`: the streams checked longest ago are re-checked; a stream of an ended or restarted
 *   broadcast, or one whose playlist no longer answers, is deleted unless a live uses it.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { AppConfig } from '../config/app-config';
import { DatabaseHandle } from '../db/db.module';
import { jsonParam, queryRows } from '../db/raw';
import { settleWithConcurrency } from '../shared/concurrency';
import { M3u8Checker } from '../upstream/stlink/m3u8-checker';
import { StlinkClient } from '../upstream/stlink/stlink.client';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { LiveStreamRepository } from './live-stream.repository';

const BATCH = 10;
const CONCURRENCY = 5;

interface ChannelTarget {
  id: string;
  platform: PlatformName;
  sourceId: string;
}

interface StreamTarget {
  id: string;
  sourceId: string;
  url: string;
  params: Record<string, string[]> | null;
  headers: Record<string, string>;
  platform: PlatformName;
  channelUid: string;
  referenced: boolean;
}

@Injectable()
export class StreamWatch {
  private readonly logger = new Logger('StreamWatch');

  constructor(
    private readonly config: AppConfig,
    private readonly handle: DatabaseHandle,
    private readonly streamq: StreamqClient,
    private readonly stlink: StlinkClient,
    private readonly m3u8: M3u8Checker,
    private readonly streams: LiveStreamRepository,
  ) {}

  async prefetch(): Promise<{ checked: number; resolved: number; backedOff: number }> {
    const targets = await queryRows<ChannelTarget>(
      this.handle.database.db,
      sql`
      select c.id, p.name as platform, c.source_id as "sourceId"
      from channel c join platform p on p.id = c.platform_id join channel_grade g on g.id = c.grade_id
      where g.should_save
        and (c.stream_checked_at is null or c.stream_checked_at <= now())
        and not exists (select 1 from live_stream s where s.channel_id = c.id)
      order by c.stream_checked_at asc nulls first, c.id
      limit ${BATCH}`,
    );
    const outcome = { checked: targets.length, resolved: 0, backedOff: 0 };
    if (targets.length === 0) return outcome;
    const nextCheck = new Map<string, number>();
    await settleWithConcurrency(targets, CONCURRENCY, async (t) => {
      nextCheck.set(t.id, 0);
      try {
        const info = await this.streamq.fetchChannel(t.platform, t.sourceId, true);
        const live = info?.openLive ? info.liveInfo : null;
        if (!live) return;
        const resolution = await this.stlink.resolve(t.platform, t.sourceId, { withAuth: live.isAdult });
        if (!resolution.openLive) {
          nextCheck.set(t.id, this.config.values.STREAM_BACKOFF_SEC);
          outcome.backedOff++;
          return;
        }
        if (!(await this.m3u8.check(resolution.stream, 'default')).available) return;
        await this.streams.upsert(t.id, live.liveUid, resolution.stream);
        outcome.resolved++;
        this.logger.debug(`Live Stream Detected: ${t.platform}:${t.sourceId}`);
      } catch (error) {
        this.logger.debug(
          `stream prefetch of ${t.platform}:${t.sourceId} failed: ${(error as Error).message}`,
        );
      }
    });
    const rows = [...nextCheck].map(([id, delaySec]) => ({ id, delay: delaySec }));
    await this.handle.database.db.execute(sql`
      update channel set stream_checked_at = now() + make_interval(secs => v.delay)
      from jsonb_to_recordset(${jsonParam(rows)}) as v(id uuid, delay int)
      where channel.id = v.id`);
    return outcome;
  }

  async audit(): Promise<{ checked: number; deleted: number }> {
    const targets = await queryRows<StreamTarget>(
      this.handle.database.db,
      sql`
      select s.id, s.source_id as "sourceId", s.url, s.params, s.headers, p.name as platform, c.source_id as "channelUid",
             exists (select 1 from live l where l.live_stream_id = s.id) as referenced
      from live_stream s join channel c on c.id = s.channel_id join platform p on p.id = c.platform_id
      order by s.checked_at asc nulls first, s.id
      limit ${BATCH}`,
    );
    if (targets.length === 0) return { checked: 0, deleted: 0 };
    const stale: string[] = [];
    await settleWithConcurrency(targets, CONCURRENCY, async (t) => {
      if (t.referenced) return;
      try {
        const info = await this.streamq.fetchChannel(t.platform, t.channelUid, true);
        const sameBroadcast = info?.openLive && info.liveInfo?.liveUid === t.sourceId;
        if (!sameBroadcast || !(await this.m3u8.check(t, 'default')).available) stale.push(t.id);
      } catch (error) {
        this.logger.debug(
          `stream audit of ${t.platform}:${t.channelUid} failed: ${(error as Error).message}`,
        );
      }
    });
    const ids = jsonParam(targets.map((t) => t.id));
    const gone = jsonParam(stale);
    // Deleted only while still unused: a registration may have taken the stream meanwhile.
    const deleted = await queryRows<{ id: string }>(
      this.handle.database.db,
      sql`
      delete from live_stream s
      where s.id in (select jsonb_array_elements_text(${gone})::uuid)
        and not exists (select 1 from live l where l.live_stream_id = s.id)
      returning s.id`,
    );
    await this.handle.database.db.execute(sql`
      update live_stream set checked_at = now() where id in (select jsonb_array_elements_text(${ids})::uuid)`);
    return { checked: targets.length, deleted: deleted.length };
  }
}
