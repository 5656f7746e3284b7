/**
 * The SQL channel search. Whatever the filters, a page is one statement and its total one more,
 * run concurrently. Filters:
 * - include tags: the channel carries every one; an unknown tag matches nothing (empty page, where
 *   the original ignored the tag and so answered more channels than asked for);
 * - exclude tags: the channel carries none;
 * - uid: exact platform channel id; uname: case-insensitive substring, LIKE wildcards escaped;
 * - platform, grade, followed; sort descending with id as the tie-break so pages are stable.
 *
 * With include tags, the page and the total are read from the rarest include tag's ranked list in
 * channel_tag_map: its links carry their channel's sort keys and whole tag set, as ids and as a
 * 64-bit mask (kept equal to the channel by triggers, migrations 0010 and 0011), so one index range
 * is already in page order and the other tags are checked on each index entry, without a join per
 * tag or a read of each matching channel. The tag names are resolved once per statement by a
 * database function (migration 0012), which keeps the statements quick to plan.
 */
import { Injectable } from '@nestjs/common';
import type { ChannelQuery } from '@recflow/contracts';
import { and, count, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { channel, channelGrade, channelTag, channelTagMap, platform } from '../db/schema';
import type { ChannelRecord, TagRow } from './channel.mapper';

/** Escapes `%`, `_` and `\` so user text matches literally in LIKE (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The named tags' ids (unknown names match no row). */
const namedTags = (names: string[]) =>
  sql`select ${channelTag.id} from ${channelTag} where ${inArray(channelTag.name, names)}`;

/** Each sort order's key on the channel and its copy on the tag links. */
const SORT_KEYS = {
  followerCnt: { channel: channel.followerCnt, link: channelTagMap.channelFollowerCnt },
  updatedAt: { channel: channel.updatedAt, link: channelTagMap.channelUpdatedAt },
  createdAt: { channel: channel.createdAt, link: channelTagMap.channelCreatedAt },
} as const;

/**
 * Descending, nulls last: the order the indexes are built in. Plain `desc` means nulls first, which
 * no index offers (the columns are not null, but the planner does not use that), so every page
 * would sort the whole filtered set.
 */
function newestFirst(key: AnyPgColumn, id: AnyPgColumn): SQL[] {
  return [sql`${key} desc nulls last`, sql`${id} desc nulls last`];
}

/** Whether the channel carries any of the named tags; names resolve to ids once, not per row. */
function carriesAnyTag(channelId: SQLWrapper, names: string[]): SQL {
  return sql`exists (select 1 from ${channelTagMap} where ${channelTagMap.channelId} = ${channelId} and ${channelTagMap.tagId} in (${namedTags(names)}))`;
}

/** A text[] built from one bound parameter per item, which every driver binds alike. */
const textArray = (items: string[]) =>
  items.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        items.map((item) => sql`${item}`),
        sql`, `,
      )}]::text[]`;

/**
 * The statement's tag names resolved once, by the database function channel_tag_filter (migration
 * 0012): the lead tag whose ranked list is read, the masks and ids of the include and exclude tags,
 * and whether the masks decide alone. Its fields are read through {@link tagFilter}.
 */
function withTagFilter(include: string[], exclude: string[]): SQL {
  return sql`with tag_filter as materialized (select * from channel_tag_filter(${textArray(include)}, ${textArray(exclude)}))`;
}

type TagFilterField =
  | 'lead_tag_id'
  | 'include_mask'
  | 'exclude_mask'
  | 'include_ids'
  | 'exclude_ids'
  | 'masks_decide';
const tagFilter = (field: TagFilterField) => sql.raw(`(select ${field} from tag_filter)`);

/**
 * The links of the channels carrying every include tag and none of the exclude tags: the lead
 * tag's range, the other tags checked on the link's copy of its channel's tags. The 64-bit mask is
 * checked first (two integer operations); the tag set only when the masks cannot decide, that is,
 * when another tag shares a bit with one asked about. With `byMaskAlone` the caller has made sure
 * the masks decide, and the tag set is not referred to at all, so that an index without it serves.
 * Each channel has one link per tag, so appears once.
 */
function taggedLinks(byMaskAlone: boolean): SQL {
  const bits = channelTagMap.channelTagBits;
  const tags = channelTagMap.channelTagIds;
  const masksDecide = tagFilter('masks_decide');
  const conditions = [
    sql`${channelTagMap.tagId} = ${tagFilter('lead_tag_id')}`,
    sql`(~${bits} & ${tagFilter('include_mask')}) = 0`,
  ];
  if (byMaskAlone) {
    conditions.push(sql`(${bits} & ${tagFilter('exclude_mask')}) = 0`);
  } else {
    conditions.push(
      sql`(${masksDecide} or ${tags} @> ${tagFilter('include_ids')})`,
      sql`((${bits} & ${tagFilter('exclude_mask')}) = 0 or (not ${masksDecide} and not ${tags} && ${tagFilter('exclude_ids')}))`,
    );
  }
  return and(...conditions) as SQL;
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

/** Conditions on the channel row and, without include tags, the exclude tags. */
function channelFilter(q: ChannelQuery): SQL | undefined {
  const conditions = channelConditions(q);
  if (q.et && q.et.length > 0) conditions.push(sql`not ${carriesAnyTag(channel.id, q.et)}`);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Include tags' links, restricted by the channel's own conditions when there are any. */
function linkFilter(q: ChannelQuery, byMaskAlone: boolean): SQL {
  const conditions = channelConditions(q);
  if (conditions.length === 0) return taggedLinks(byMaskAlone);
  return sql`${taggedLinks(byMaskAlone)} and exists (select 1 from ${channel} where ${channel.id} = ${channelTagMap.channelId} and ${and(...conditions)})`;
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
    const include = q.it ?? [];
    const [rows, [total]] =
      include.length === 0
        ? await Promise.all([pageOf(db, q, channelPageIds(db, q)), countChannels(db, q)])
        : await Promise.all([pageOf(db, q, linkPageIds(q, include)), countLinks(db, q, include)]);
    return { total: total?.n ?? 0, records: rows as ChannelRecord[] };
  }
}

/** Only the rows shown are read in full, after their ids were ranked from an index. */
function pageOf(db: Db, q: ChannelQuery, ids: SQLWrapper) {
  return db
    .select({ channel, platform, grade: channelGrade, ...(q.wt ? { tags: tagsOfChannel } : {}) })
    .from(channel)
    .innerJoin(platform, eq(platform.id, channel.platformId))
    .innerJoin(channelGrade, eq(channelGrade.id, channel.gradeId))
    .where(inArray(channel.id, ids))
    .orderBy(...newestFirst(SORT_KEYS[q.st].channel, channel.id));
}

function channelPageIds(db: Db, q: ChannelQuery): SQLWrapper {
  const key = SORT_KEYS[q.st].channel;
  if (!findsNamesByTrigram(q)) {
    return db
      .select({ id: channel.id })
      .from(channel)
      .where(channelFilter(q))
      .orderBy(...newestFirst(key, channel.id))
      .limit(q.s)
      .offset((q.p - 1) * q.s);
  }
  const matches = db
    .select({ id: channel.id, sortKey: sql`${key}`.as('sort_key') })
    .from(channel)
    .where(channelFilter(q));
  return sql`(with matches as materialized (${matches})
    select id from matches order by sort_key desc nulls last, id desc nulls last
    limit ${q.s} offset ${(q.p - 1) * q.s})`;
}

/**
 * A name fragment of three characters or more is looked up in the trigram index, then ranked: the
 * matches are materialized first. Left to itself, the planner sometimes walks a sort-order index
 * and filters names row by row instead, because its estimate of a LIKE pattern's selectivity is
 * coarse (one sample in its histogram makes a 0.1 % fragment look like 1 %), and that walk is many
 * times slower. The total reads every match anyway, so ranking them all costs little more.
 */
function findsNamesByTrigram(q: ChannelQuery): boolean {
  return q.uname !== undefined && q.uname.length >= 3;
}

function countChannels(db: Db, q: ChannelQuery) {
  return db.select({ n: count() }).from(channel).where(channelFilter(q));
}

/** The page ranked along the lead tag's list for the sort order, stopping at the page. */
function linkPageIds(q: ChannelQuery, include: string[]): SQL {
  const order = newestFirst(SORT_KEYS[q.st].link, channelTagMap.channelId);
  return sql`(${withTagFilter(include, q.et ?? [])}
    select ${channelTagMap.channelId} from ${channelTagMap} where ${linkFilter(q, false)}
    order by ${sql.join(order, sql`, `)} limit ${q.s} offset ${(q.p - 1) * q.s})`;
}

/**
 * Exact: one link per matching channel, counted from index entries alone. Of the two branches the
 * statement runs one, chosen once by its tags: while the masks decide, the count reads the compact
 * (tag, mask) index, whose equal entries PostgreSQL stores as one key with a list of rows;
 * otherwise the ranked list, which carries the tag sets too.
 */
async function countLinks(db: Db, q: ChannelQuery, include: string[]): Promise<Array<{ n: number }>> {
  const masksDecide = tagFilter('masks_decide');
  const result = (await db.execute(sql`${withTagFilter(include, q.et ?? [])}
    select count(*)::int as n from (
      select 1 from ${channelTagMap} where ${masksDecide} and ${linkFilter(q, true)}
      union all
      select 1 from ${channelTagMap} where not ${masksDecide} and ${linkFilter(q, false)}
    ) matching`)) as unknown as { rows: Array<{ n: number }> };
  return result.rows;
}
