/** Live domain tables: live_stream (a resolved HLS playlist of one broadcast) and live (one recording). */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { channel, platform } from './channel';
import { createdAt, id, tstz } from './columns';

export const liveStream = pgTable(
  'live_stream',
  {
    id: id(),
    channelId: uuid()
      .notNull()
      .references(() => channel.id, { onDelete: 'cascade' }),
    /** The platform's live id (chzzk liveId, soop broadNo) this stream belongs to. */
    sourceId: text().notNull(),
    url: text().notNull(),
    params: jsonb().$type<Record<string, string[]>>(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: tstz(),
    checkedAt: tstz(),
  },
  (t) => [
    // One stream per broadcast, decided by the database (the original allowed duplicates).
    uniqueIndex('live_stream_channel_source_key').on(t.channelId, t.sourceId),
    index('live_stream_checked_at_idx').on(t.checkedAt.asc().nullsFirst()),
  ],
);

/**
 * `deleted` is the original's name for a finished (or disabled) live and is kept for API
 * compatibility; `failed` marks a registration that could not complete (reason in failure_reason).
 */
export interface FinishRequest {
  /** `finish` keeps the recording (SQS complete), `cancel` discards it (SQS canceled). */
  cmd: 'finish' | 'cancel';
  purge: boolean;
  /** The operator, the cleaner (broadcast over), or recovery (the live was restarted as a new record). */
  by: 'operator' | 'cleaner' | 'recovery';
  at: string;
}

export type RecordedReason =
  | { by: 'manual' }
  | { by: 'followed' }
  | { by: 'criterion'; criterionId: string; criterionName: string; matched: string[]; viewCnt: number };

export const liveStatus = pgEnum('live_status', [
  'initializing',
  'recording',
  'finalizing',
  'deleted',
  'failed',
]);
export const ACTIVE_LIVE_STATUSES = ['initializing', 'recording', 'finalizing'] as const;
/** A live that is not being finished: it may still get nodes, and a finish may begin. */
export const OPEN_LIVE_STATUSES = ['initializing', 'recording'] as const;

export const live = pgTable(
  'live',
  {
    id: id(),
    channelId: uuid()
      .notNull()
      .references(() => channel.id, { onDelete: 'restrict' }),
    platformId: uuid()
      .notNull()
      .references(() => platform.id, { onDelete: 'restrict' }),
    sourceId: text().notNull(),
    liveTitle: text().notNull(),
    liveStreamId: uuid().references(() => liveStream.id, { onDelete: 'set null' }),
    fsName: text().notNull(),
    videoName: text().notNull(),
    viewCnt: integer().notNull().default(0),
    isAdult: boolean().notNull().default(false),
    status: liveStatus().notNull().default('initializing'),
    failureReason: text(),
    /** What was asked when the live started finishing: the command, purge, and by whom. */
    finishRequest: jsonb().$type<FinishRequest>(),
    /** Why the live is recorded: by hand, a followed channel, or which criterion matched with what. */
    recordedReason: jsonb().$type<RecordedReason>(),
    domesticOnly: boolean().notNull().default(false),
    overseasFirst: boolean().notNull().default(false),
    /** The live this one replaced when recnode found that one invalid: a new record of the same broadcast. */
    restartedFrom: uuid().references((): AnyPgColumn => live.id, { onDelete: 'set null' }),
    /**
     * Since when the platform says the broadcast is on but its stream cannot be fetched (an outage,
     * which must not be taken for the broadcast's end); null when it can.
     */
    streamUnavailableSince: tstz(),
    createdAt: createdAt(),
    updatedAt: tstz(),
    deletedAt: tstz(),
  },
  (t) => [
    // At most one live recording a channel; the database decides, not a read-then-write check (which
    // let the original record a channel twice). A `finalizing` live's recorders are stopping, so it
    // does not hold the channel: a live restarted as a new record takes over in the same transaction
    // that moves the old one to finalizing.
    // Registration and detection still wait for a finishing live by their own rule.
    uniqueIndex('live_one_active_per_channel_key')
      .on(t.channelId)
      .where(sql`${t.status} in ('initializing', 'recording')`),
    // A live is restarted at most once: two replicas racing on the same invalid live create one successor.
    uniqueIndex('live_restarted_from_key').on(t.restartedFrom).where(sql`${t.restartedFrom} is not null`),
    // The recording folder name must be unique per channel (it is part of the storage path).
    uniqueIndex('live_channel_video_name_key').on(t.channelId, t.videoName),
    index('live_active_status_idx')
      .on(t.status, t.createdAt)
      .where(sql`${t.status} in ('initializing', 'recording', 'finalizing')`),
    index('live_updated_at_idx').on(t.updatedAt.asc().nullsFirst()),
    index('live_live_stream_id_idx').on(t.liveStreamId),
    index('live_created_at_idx').on(t.createdAt.desc()),
    // The recordings page: finished lives, newest ended first (`order by deleted_at desc nulls last, id`).
    index('live_finished_idx').on(t.deletedAt.desc().nullsLast(), t.id).where(sql`${t.status} = 'deleted'`),
    check('live_view_cnt_check', sql`${t.viewCnt} >= 0`),
    check('live_location_check', sql`not (${t.domesticOnly} and ${t.overseasFirst})`),
  ],
);
