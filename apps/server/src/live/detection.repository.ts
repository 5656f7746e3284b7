/** SQL of live detection: what recflow knows of the channels it is about to look at, one statement each. */
import { Injectable } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';

export interface KnownChannel {
  id: string;
  platform: PlatformName;
  sourceId: string;
  username: string;
  grade: string;
  shouldSave: boolean;
  shouldNotify: boolean;
  /** The channel already has a live being recorded or finished. */
  active: boolean;
}

const KNOWN = sql`
  select c.id, p.name as platform, c.source_id as "sourceId", c.username, g.name as grade,
         g.should_save as "shouldSave", g.should_notify as "shouldNotify",
         exists (select 1 from live l where l.channel_id = c.id
                 and l.status in ('initializing', 'recording', 'finalizing')) as active
  from channel c join platform p on p.id = c.platform_id join channel_grade g on g.id = c.grade_id`;

@Injectable()
export class DetectionRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private async rows(query: ReturnType<typeof sql>): Promise<KnownChannel[]> {
    return ((await this.handle.database.db.execute(query)) as unknown as { rows: KnownChannel[] }).rows;
  }

  /**
   * The followed channels among `ids` (ids of deleted channels are simply absent, where the
   * original failed the whole run), always in the same order: each channel is then checked once per
   * cycle at the same point of it, so the time between two checks of a channel is one cycle, never
   * up to two.
   */
  followed(ids: string[]): Promise<KnownChannel[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.rows(
      sql`${KNOWN} where c.is_followed and c.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid) order by c.id`,
    );
  }

  /** The channels recflow knows among (platform, channel id) pairs. */
  known(pairs: Array<{ platform: PlatformName; sourceId: string }>): Promise<KnownChannel[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return this.rows(sql`${KNOWN}
      join jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as k(platform text, "sourceId" text)
        on k.platform = p.name::text and k."sourceId" = c.source_id`);
  }
}
