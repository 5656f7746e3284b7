/** All SQL for tags and their attachment to channels. */
import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { deleteUnlessReferenced } from '../db/delete-guard';
import { channel, channelTag, channelTagMap } from '../db/schema';
import type { TagRow } from './channel.mapper';

export type TagInsert = typeof channelTag.$inferInsert;

@Injectable()
export class TagRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  listWithUsage(): Promise<Array<TagRow & { channelCount: number }>> {
    const usage = this.db
      .select({ tagId: channelTagMap.tagId, n: count().as('n') })
      .from(channelTagMap)
      .groupBy(channelTagMap.tagId)
      .as('usage');
    return this.db
      .select({ ...getTableColumns(channelTag), channelCount: sql<number>`coalesce(${usage.n}, 0)::int` })
      .from(channelTag)
      .leftJoin(usage, eq(usage.tagId, channelTag.id))
      .orderBy(asc(channelTag.name));
  }

  async findById(id: string): Promise<TagRow | undefined> {
    const [row] = await this.db.select().from(channelTag).where(eq(channelTag.id, id));
    return row;
  }

  async insert(values: TagInsert): Promise<TagRow> {
    const [row] = await this.db.insert(channelTag).values(values).returning();
    return row!;
  }

  async update(id: string, values: Partial<TagInsert>): Promise<TagRow | undefined> {
    const [row] = await this.db
      .update(channelTag)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(channelTag.id, id))
      .returning();
    return row;
  }

  /** Deletes the tag; the foreign key refuses while it is attached, and then we say to how many channels. */
  deleteIfUnused(id: string): Promise<{ deleted: TagRow | undefined } | { inUse: number }> {
    return deleteUnlessReferenced(
      async () => (await this.db.delete(channelTag).where(eq(channelTag.id, id)).returning())[0],
      async () =>
        (await this.db.select({ n: count() }).from(channelTagMap).where(eq(channelTagMap.tagId, id)))[0]?.n ??
        0,
    );
  }

  /** Finds or creates tags by name in one statement pair, returning them in the given order. */
  async ensureByNames(db: DbOrTx, names: string[]): Promise<TagRow[]> {
    if (names.length === 0) return [];
    await db
      .insert(channelTag)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing({ target: channelTag.name });
    const rows = await db.select().from(channelTag).where(inArray(channelTag.name, names));
    const byName = new Map(rows.map((r) => [r.name, r]));
    return names.map((n) => byName.get(n)!);
  }

  /** Attaches tags to a channel, ignoring those already attached; returns how many were new. */
  async attach(db: DbOrTx, channelId: string, tagIds: string[]): Promise<number> {
    if (tagIds.length === 0) return 0;
    const inserted = await db
      .insert(channelTagMap)
      .values(tagIds.map((tagId) => ({ channelId, tagId })))
      .onConflictDoNothing()
      .returning({ tagId: channelTagMap.tagId });
    return inserted.length;
  }

  /**
   * Attaches one tag unless the channel already has `max` tags; idempotent. The caller holds the
   * channel's row lock, so the count cannot change under the insert. Returns whether the tag is
   * attached afterwards.
   */
  async attachWithin(db: DbOrTx, channelId: string, tagId: string, max: number): Promise<boolean> {
    const result = (await db.execute(sql`
      with added as (
        insert into channel_tag_map (channel_id, tag_id)
        select ${channelId}, ${tagId}
        where (select count(*) from channel_tag_map where channel_tag_map.channel_id = ${channelId}) < ${max}
        on conflict do nothing
        returning 1
      )
      select exists (select 1 from added)
        or exists (
          select 1 from channel_tag_map
          where channel_tag_map.channel_id = ${channelId} and channel_tag_map.tag_id = ${tagId}
        ) as attached`)) as unknown as { rows: Array<{ attached: boolean }> };
    return result.rows[0]?.attached === true;
  }

  async detach(db: DbOrTx, channelId: string, tagId: string): Promise<boolean> {
    const deleted = await db
      .delete(channelTagMap)
      .where(and(eq(channelTagMap.channelId, channelId), eq(channelTagMap.tagId, tagId)))
      .returning({ tagId: channelTagMap.tagId });
    return deleted.length > 0;
  }

  /** Bumps the channel's updated_at (tag changes are user edits); false if there is no such channel. */
  async touchChannel(db: DbOrTx, channelId: string): Promise<boolean> {
    const rows = await db
      .update(channel)
      .set({ updatedAt: sql`now()` })
      .where(eq(channel.id, channelId))
      .returning({ id: channel.id });
    return rows.length > 0;
  }
}
