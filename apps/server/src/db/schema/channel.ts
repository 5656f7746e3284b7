/** Channel domain tables: platform, channel_grade, channel, channel_tag, channel_tag_map. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
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
    // One row per platform channel, decided by the database (the original's app-level check raced).
    uniqueIndex('channel_platform_source_key').on(t.platformId, t.sourceId),
    // uid search without a platform filter.
    index('channel_source_id_idx').on(t.sourceId),
    // The channel query's three sort orders, each with id as the tie-break so that pages are stable.
    index('channel_follower_cnt_idx').on(t.followerCnt.desc(), t.id.desc()),
    index('channel_updated_at_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('channel_created_at_idx').on(t.createdAt.desc(), t.id.desc()),
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
  // The tag's bit in the links' tag masks (0-63), chosen on insert by a trigger of migration 0011:
  // the bit the fewest tags hold, so that up to 64 tags each have a bit of their own.
  bit: smallint().notNull().default(0),
});

/**
 * A channel's tag links. Each link also carries a copy of its channel's sort keys and full tag set,
 * kept equal to the channel by the triggers of migration 0010 (whatever statement writes a link or a
 * channel), so that a tag-filtered channel query is one index range per include tag: already in the
 * order of the page, the other include and exclude tags checked on the index entry itself.
 */
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
    // Copies of the channel, written by the triggers only (the defaults are placeholders they overwrite).
    channelTagIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    // The same tag set as a 64-bit mask of the tags' bits: checked first, and alone when the tags
    // asked about hold their bits alone (see channel-query.repository.ts).
    channelTagBits: bigint({ mode: 'bigint' }).notNull().default(sql`0`),
    channelFollowerCnt: integer().notNull().default(0),
    channelUpdatedAt: tstz().notNull().defaultNow(),
    channelCreatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'channel_tag_map_pkey', columns: [t.channelId, t.tagId] }),
    // One ranked list per tag and sort order (id as the tie-break): the channel query reads a
    // page and counts its total from these alone. They also serve every other tag-first lookup.
    index('channel_tag_map_by_followers_idx').on(
      t.tagId,
      t.channelFollowerCnt.desc(),
      t.channelId.desc(),
      t.channelTagBits,
      t.channelTagIds,
    ),
    index('channel_tag_map_by_updated_idx').on(
      t.tagId,
      t.channelUpdatedAt.desc(),
      t.channelId.desc(),
      t.channelTagBits,
      t.channelTagIds,
    ),
    index('channel_tag_map_by_created_idx').on(
      t.tagId,
      t.channelCreatedAt.desc(),
      t.channelId.desc(),
      t.channelTagBits,
      t.channelTagIds,
    ),
    // The total of a tag-filtered search counts one tag's links by mask. Equal (tag, mask) keys are
    // stored once with their rows' list, so this index is a few percent of a ranked one's size.
    index('channel_tag_map_tag_bits_idx').on(t.tagId, t.channelTagBits),
  ],
);
