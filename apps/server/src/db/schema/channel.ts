/** Channel domain tables: platform, channel_grade, channel, channel_tag, channel_tag_map. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns';

export const platformName = pgEnum('platform_name', ['chzzk', 'soop']);

export const platform = pgTable('platform', {
  id: id(),
  name: platformName().notNull().unique('platform_name_key'),
  createdAt: createdAt(),
  updatedAt: tstz(),
});

export const channelGrade = pgTable(
  'channel_grade',
  {
    id: id(),
    name: text().notNull().unique('channel_grade_name_key'),
    description: text(),
    tier: integer().notNull().default(0),
    seq: integer().notNull().default(0),
    shouldSave: boolean().notNull().default(true),
    shouldNotify: boolean().notNull().default(false),
    /** How many nodes record a live of this grade; null means NODES_PER_LIVE. */
    nodesPerLive: integer(),
    createdAt: createdAt(),
    updatedAt: tstz(),
  },
  (t) => [
    check('channel_grade_tier_check', sql`${t.tier} >= 0`),
    check('channel_grade_seq_check', sql`${t.seq} >= 0`),
    check('channel_grade_nodes_per_live_check', sql`${t.nodesPerLive} between 1 and 10`),
  ],
);

export const channel = pgTable(
  'channel',
  {
    id: id(),
    platformId: uuid()
      .notNull()
      .references(() => platform.id, { onDelete: 'restrict' }),
    sourceId: text().notNull(),
    username: text().notNull(),
    profileImgUrl: text(),
    followerCnt: integer().notNull().default(0),
    gradeId: uuid()
      .notNull()
      .references(() => channelGrade.id, { onDelete: 'restrict' }),
    isFollowed: boolean().notNull().default(false),
    overseasFirst: boolean().notNull().default(false),
    description: text(),
    createdAt: createdAt(),
    updatedAt: tstz().notNull().defaultNow(),
    lastRefreshedAt: tstz(),
    streamCheckedAt: tstz(),
  },
  (t) => [
    // §14.5: one row per platform channel, decided by the database.
    uniqueIndex('channel_platform_source_key').on(t.platformId, t.sourceId),
    // uid search without a platform filter.
    index('channel_source_id_idx').on(t.sourceId),
    // The channel query's three sort orders, each with id as the stable tie-break (§14.11).
    index('channel_follower_cnt_idx').on(t.followerCnt.desc(), t.id.desc()),
    index('channel_updated_at_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('channel_created_at_idx').on(t.createdAt.desc(), t.id.desc()),
    // The sort keys by id: the channel query ranks a tag-filtered set of ids from this index alone,
    // without reading each matching row.
    index('channel_sort_keys_idx').on(t.id, t.followerCnt, t.updatedAt, t.createdAt),
    // Case-insensitive substring name search.
    index('channel_username_trgm_idx').using('gin', sql`lower(${t.username}) gin_trgm_ops`),
    index('channel_grade_id_idx').on(t.gradeId),
    index('channel_followed_idx').on(t.id).where(sql`${t.isFollowed}`),
    // Round-robin keys of the background refresh and the stream pre-detector.
    index('channel_last_refreshed_at_idx').on(t.lastRefreshedAt.asc().nullsFirst()),
    index('channel_stream_checked_at_idx').on(t.streamCheckedAt.asc().nullsFirst()),
    check('channel_follower_cnt_check', sql`${t.followerCnt} >= 0`),
  ],
);

export const channelTag = pgTable('channel_tag', {
  id: id(),
  name: text().notNull().unique('channel_tag_name_key'),
  description: text(),
  createdAt: createdAt(),
  updatedAt: tstz(),
});

export const channelTagMap = pgTable(
  'channel_tag_map',
  {
    channelId: uuid()
      .notNull()
      .references(() => channel.id, { onDelete: 'cascade' }),
    tagId: uuid()
      .notNull()
      .references(() => channelTag.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'channel_tag_map_pkey', columns: [t.channelId, t.tagId] }),
    // Tag-first lookups: the include/exclude tag filters walk this index.
    uniqueIndex('channel_tag_map_tag_channel_key').on(t.tagId, t.channelId),
  ],
);
