/**
 * Keeps recorded lives' title, viewer count and adult flag current: each run takes the lives
 * refreshed longest ago, asks the platform with bounded concurrency, and writes every result in one
 * statement. Every live taken has its refresh time moved, whatever the answer, so one live whose
 * channel is offline or failing never starves the others (the original left such a live first in
 * line for ever).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { settleWithConcurrency } from '../shared/concurrency';
import { StreamqClient } from '../upstream/streamq/streamq.client';

const BATCH = 20;
const CONCURRENCY = 5;

interface Target {
  id: string;
  platform: PlatformName;
  channelUid: string;
  sourceId: string;
  liveTitle: string;
}

@Injectable()
export class LiveRefresher {
  private readonly logger = new Logger('LiveRefresher');

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly streamq: StreamqClient,
  ) {}

  async refresh(): Promise<{ picked: number; updated: number; failed: number }> {
    const db = this.handle.database.db;
    const targets = (
      (await db.execute(sql`
        select l.id, p.name as platform, c.source_id as "channelUid", l.source_id as "sourceId", l.live_title as "liveTitle"
        from live l join channel c on c.id = l.channel_id join platform p on p.id = l.platform_id
        where l.status = 'recording'
        order by l.updated_at asc nulls first, l.id
        limit ${BATCH}`)) as unknown as { rows: Target[] }
    ).rows;
    if (targets.length === 0) return { picked: 0, updated: 0, failed: 0 };
    const answers = await settleWithConcurrency(targets, CONCURRENCY, (t) =>
      this.streamq.fetchChannel(t.platform, t.channelUid, true),
    );
    let failed = 0;
    const rows = targets.map((t, i) => {
      const answer = answers[i]!;
      if (answer.status === 'rejected') failed++;
      const info = answer.status === 'fulfilled' ? answer.value?.liveInfo : null;
      // Only the same broadcast updates the live; a restarted or ended one is for recovery to judge.
      const current = info && info.liveUid === t.sourceId ? info : null;
      if (current && current.liveTitle !== t.liveTitle) {
        this.logger.log(`Live Title Changed: ${t.id} "${t.liveTitle}" → "${current.liveTitle}"`);
      }
      return {
        id: t.id,
        title: current?.liveTitle ?? null,
        viewers: current?.viewCnt ?? null,
        adult: current?.isAdult ?? null,
      };
    });
    await db.execute(sql`
      update live set
        live_title = coalesce(v.title, live.live_title),
        view_cnt = coalesce(v.viewers, live.view_cnt),
        is_adult = coalesce(v.adult, live.is_adult),
        updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, title text, viewers int, adult boolean)
      where live.id = v.id`);
    return { picked: targets.length, updated: rows.filter((r) => r.title !== null).length, failed };
  }
}
