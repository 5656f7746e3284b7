/** SQL of the background channel refresh: pick the oldest batch, apply a batch of results in one statement. */
import { Injectable } from '@nestjs/common';
import type { ChannelInfo, PlatformName } from '@recflow/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { channel, platform } from '../db/schema';

export interface RefreshTarget {
  id: string;
  platform: PlatformName;
  sourceId: string;
}

@Injectable()
export class ChannelRefreshRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  pickOldest(limit: number): Promise<RefreshTarget[]> {
    return this.handle.database.db
      .select({ id: channel.id, platform: platform.name, sourceId: channel.sourceId })
      .from(channel)
      .innerJoin(platform, eq(platform.id, channel.platformId))
      .orderBy(sql`${channel.lastRefreshedAt} asc nulls first`, asc(channel.id))
      .limit(limit);
  }

  /** `profile: null` means "nothing new": only the refresh time moves. */
  async applyRefresh(updates: Array<{ id: string; profile: ChannelInfo | null }>): Promise<void> {
    if (updates.length === 0) return;
    const rows = updates.map(({ id, profile }) => ({
      id,
      found: profile !== null,
      username: profile?.username ?? null,
      profile_img_url: profile?.profileImgUrl ?? null,
      follower_cnt: profile?.followerCnt ?? null,
    }));
    await this.handle.database.db.execute(sql`
      update ${channel} set
        username = coalesce(v.username, ${channel.username}),
        profile_img_url = case when v.found then v.profile_img_url else ${channel.profileImgUrl} end,
        follower_cnt = coalesce(v.follower_cnt, ${channel.followerCnt}),
        last_refreshed_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(id uuid, found boolean, username text, profile_img_url text, follower_cnt int)
      where ${channel.id} = v.id`);
  }
}
