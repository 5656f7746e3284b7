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
import { and, count, desc, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
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

/** Whether the channel carries any of the named tags; names resolve to ids once, not per row. */
function carriesAnyTag(channelId: SQLWrapper, names: string[]): SQL {
  const tagIds = sql`select ${channelTag.id} from ${channelTag} where ${inArray(channelTag.name, names)}`;
  return sql`exists (select 1 from ${channelTagMap} where ${channelTagMap.channelId} = ${channelId} and ${channelTagMap.tagId} in (${tagIds}))`;
}

/**
 * Ids of the channels carrying every include tag and none of the exclude tags, read from the
 * tag-first index alone: one range scan per include tag, each already in channel-id order so they
 * merge, instead of probing the tag map once per channel row. An unknown include tag resolves to
 * null and matches nothing. Each channel appears once because (tag_id, channel_id) is unique.
 */
function taggedChannelIds(include: string[], exclude: string[]): SQL {
  const maps = include.map((name, i) => {
    const as = `include_${i}`;
    return { name, from: sql`${channelTagMap} as ${sql.identifier(as)}`, map: alias(channelTagMap, as) };
  });
  const [first, ...rest] = maps as [(typeof maps)[number], ...typeof maps];
  const joins = rest.map(
    ({ name, from, map }) =>
      sql` join ${from} on ${map.channelId} = ${first.map.channelId} and ${map.tagId} = ${tagIdByName(name)}`,
  );
  const excluded = exclude.length > 0 ? sql` and not ${carriesAnyTag(first.map.channelId, exclude)}` : sql``;
  return sql`select ${first.map.channelId} from ${first.from}${sql.join(joins)} where ${first.map.tagId} = ${tagIdByName(first.name)}${excluded}`;
}

/** Conditions on the channel row itself: everything but the tags. */
function channelConditions(q: ChannelQuery): SQL[] {
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
  return conditions;
}

export function channelFilter(q: ChannelQuery): SQL | undefined {
  const conditions = channelConditions(q);
  const include = q.it ?? [];
  const exclude = q.et ?? [];
  if (include.length > 0) conditions.push(sql`${channel.id} in (${taggedChannelIds(include, exclude)})`);
  else if (exclude.length > 0) conditions.push(sql`not ${carriesAnyTag(channel.id, exclude)}`);
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
    const [rows, [total]] = await Promise.all([pageOf(db, q, where), totalOf(db, q, where)]);
    return { total: total?.n ?? 0, records: rows as ChannelRecord[] };
  }
}

/**
 * The page's ids are ranked first, from indexes that hold the sort keys, so a filter matching
 * thousands of channels never reads their rows; only the rows shown are then read in full.
 */
function pageOf(db: Db, q: ChannelQuery, where: SQL | undefined) {
  const order = [desc(SORT_COLUMNS[q.st]), desc(channel.id)];
  const pageIds = db
    .select({ id: channel.id })
    .from(channel)
    .where(where)
    .orderBy(...order)
    .limit(q.s)
    .offset((q.p - 1) * q.s);
  return db
    .select({ channel, platform, grade: channelGrade, ...(q.wt ? { tags: tagsOfChannel } : {}) })
    .from(channel)
    .innerJoin(platform, eq(platform.id, channel.platformId))
    .innerJoin(channelGrade, eq(channelGrade.id, channel.gradeId))
    .where(inArray(channel.id, pageIds))
    .orderBy(...order);
}

/**
 * With tags as the only filter, every id the tag index yields is a channel (the foreign key
 * guarantees it), so the total is counted there without visiting a channel row per match.
 */
function totalOf(db: Db, q: ChannelQuery, where: SQL | undefined) {
  const include = q.it ?? [];
  if (include.length > 0 && channelConditions(q).length === 0) {
    return db.select({ n: count() }).from(sql`(${taggedChannelIds(include, q.et ?? [])}) as tagged`);
  }
  return db.select({ n: count() }).from(channel).where(where);
}
