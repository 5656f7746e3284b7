/** All SQL for channel rows: lookups, inserts and updates. The search lives in channel-query.repository.ts. */
import { Injectable } from '@nestjs/common';
import { type ChannelInfo, DEFAULT_GRADE_NAME } from '@recflow/contracts';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { channel, channelGrade, live, platform } from '../db/schema';
import type { ChannelRecord, ChannelRow, GradeRow } from './channel.mapper';
import { tagsOfChannel } from './channel-query.repository';

export type ChannelInsert = typeof channel.$inferInsert;
export type ChannelPatch = Partial<
  Pick<
    ChannelInsert,
    'username' | 'profileImgUrl' | 'followerCnt' | 'isFollowed' | 'overseasFirst' | 'description' | 'gradeId'
  >
>;

@Injectable()
export class ChannelRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  /** Channels with platform, grade and tags; one statement for any number of ids. */
  async findRecords(ids: string[], db: DbOrTx = this.db): Promise<ChannelRecord[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .select({
        channel,
        platform,
        grade: channelGrade,
        tags: tagsOfChannel,
      })
      .from(channel)
      .innerJoin(platform, eq(platform.id, channel.platformId))
      .innerJoin(channelGrade, eq(channelGrade.id, channel.gradeId))
      .where(inArray(channel.id, ids));
    const byId = new Map(rows.map((r) => [r.channel.id, r]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  async findRecord(id: string, db: DbOrTx = this.db): Promise<ChannelRecord | undefined> {
    const [record] = await this.findRecords([id], db);
    return record;
  }

  /** Existing channels among (platform, source id) pairs, in one statement. */
  async findBySourceIds(platformId: string, sourceIds: string[]): Promise<ChannelRow[]> {
    if (sourceIds.length === 0) return [];
    return this.db
      .select()
      .from(channel)
      .where(and(eq(channel.platformId, platformId), inArray(channel.sourceId, sourceIds)));
  }

  async insert(db: DbOrTx, values: ChannelInsert): Promise<ChannelRow> {
    const [row] = await db.insert(channel).values(values).returning();
    return row!;
  }

  async update(db: DbOrTx, id: string, patch: ChannelPatch): Promise<ChannelRow | undefined> {
    const [row] = await db
      .update(channel)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(channel.id, id))
      .returning();
    return row;
  }

  /** Number of lives (recordings) that reference the channel. */
  async countLives(db: DbOrTx, id: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(live).where(eq(live.channelId, id));
    return row?.n ?? 0;
  }

  /**
   * Deletes a channel with its tag links and unused streams (both cascade). Lives reference the
   * channel with ON DELETE RESTRICT, so a channel with recordings is refused by the database.
   */
  async delete(db: DbOrTx, id: string): Promise<boolean> {
    const rows = await db.delete(channel).where(eq(channel.id, id)).returning({ id: channel.id });
    return rows.length > 0;
  }

  /**
   * The channel for a platform id with its grade, created from the platform's profile with the
   * default grade if recflow does not know it yet; concurrent calls end with the same row.
   */
  async ensure(platformId: string, info: ChannelInfo): Promise<{ channel: ChannelRow; grade: GradeRow }> {
    await this.db
      .insert(channel)
      .values({
        platformId,
        sourceId: info.sourceId,
        username: info.username,
        profileImgUrl: info.profileImgUrl,
        followerCnt: info.followerCnt,
        gradeId: sql`(select ${channelGrade.id} from ${channelGrade} where ${channelGrade.name} = ${DEFAULT_GRADE_NAME})`,
      })
      .onConflictDoNothing({ target: [channel.platformId, channel.sourceId] });
    const [row] = await this.db
      .select({ channel, grade: channelGrade })
      .from(channel)
      .innerJoin(channelGrade, eq(channelGrade.id, channel.gradeId))
      .where(and(eq(channel.platformId, platformId), eq(channel.sourceId, info.sourceId)));
    return row!;
  }
}
