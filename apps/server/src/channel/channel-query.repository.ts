/**
 * The SQL channel search (behaviour.md §8.4 with the §14.11 fixes). Whatever the filters, a page is
 * one statement and its total one more, run concurrently. Filters:
 * - include tags: the channel carries every one; an unknown tag matches nothing (empty page);
 * - exclude tags: the channel carries none;
 * - uid: exact platform channel id; uname: case-insensitive substring, LIKE wildcards escaped;
 * - platform, grade, followed; sort descending with id as the tie-break so pages are stable.
 */
import { Injectable } from '@nestjs/common';
import type { ChannelQuery } from '@recflow/contracts';
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { channel, channelGrade, channelTag, channelTagMap, platform } from '../db/schema';
import type { ChannelRecord, TagRow } from './channel.mapper';

/** Escapes `%`, `_` and `\` so user text matches literally in LIKE (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const tagIdByName = (name: string) =>
  sql`(select ${channelTag.id} from ${channelTag} where ${channelTag.name} = ${name})`;

const SORT_COLUMNS = {
  followerCnt: channel.followerCnt,
  updatedAt: channel.updatedAt,
  createdAt: channel.createdAt,
} as const;

export function channelFilter(q: ChannelQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (q.pf) {
    conditions.push(
      sql`${channel.platformId} = (select ${platform.id} from ${platform} where ${platform.name} = ${q.pf})`,
    );
  }
  if (q.gr) {
    conditions.push(
      sql`${channel.gradeId} = (select ${channelGrade.id} from ${channelGrade} where ${channelGrade.name} = ${q.gr})`,
    );
  }
  if (q.uid) conditions.push(eq(channel.sourceId, q.uid));
  if (q.uname) {
    conditions.push(sql`lower(${channel.username}) like ${`%${escapeLike(q.uname.toLowerCase())}%`}`);
  }
  if (q.followed !== undefined) conditions.push(eq(channel.isFollowed, q.followed));
  for (const name of q.it ?? []) {
    conditions.push(
      sql`exists (select 1 from ${channelTagMap} where ${channelTagMap.channelId} = ${channel.id} and ${channelTagMap.tagId} = ${tagIdByName(name)})`,
    );
  }
  if (q.et && q.et.length > 0) {
    const names = sql.join(
      q.et.map((n) => sql`${n}`),
      sql`, `,
    );
    conditions.push(
      sql`not exists (select 1 from ${channelTagMap} join ${channelTag} on ${channelTag.id} = ${channelTagMap.tagId} where ${channelTagMap.channelId} = ${channel.id} and ${channelTag.name} in (${names}))`,
    );
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** The channel's tags as a JSON array, evaluated only for the rows of the page. */
export const tagsOfChannel = sql<TagRow[]>`coalesce((
  select json_agg(row_to_json(t) order by t.name)
  from (select ${channelTag.id} as "id", ${channelTag.name} as "name", ${channelTag.description} as "description",
               ${channelTag.createdAt} as "createdAt", ${channelTag.updatedAt} as "updatedAt"
        from ${channelTagMap} join ${channelTag} on ${channelTag.id} = ${channelTagMap.tagId}
        where ${channelTagMap.channelId} = ${channel.id}) t
), '[]'::json)`;

@Injectable()
export class ChannelQueryRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  async search(q: ChannelQuery): Promise<{ total: number; records: ChannelRecord[] }> {
    const db = this.handle.database.db;
    const where = channelFilter(q);
    const sortColumn = SORT_COLUMNS[q.st];
    const pageQuery = db
      .select({ channel, platform, grade: channelGrade, ...(q.wt ? { tags: tagsOfChannel } : {}) })
      .from(channel)
      .innerJoin(platform, eq(platform.id, channel.platformId))
      .innerJoin(channelGrade, eq(channelGrade.id, channel.gradeId))
      .where(where)
      .orderBy(desc(sortColumn), desc(channel.id))
      .limit(q.s)
      .offset((q.p - 1) * q.s);
    const totalQuery = db.select({ n: count() }).from(channel).where(where);
    const [rows, [total]] = await Promise.all([pageQuery, totalQuery]);
    return { total: total?.n ?? 0, records: rows as ChannelRecord[] };
  }
}
