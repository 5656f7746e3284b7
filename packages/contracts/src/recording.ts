/**
 * Recordings: finished lives as vodify and the operator see them, with the loss report taken when
 * their recording state was cleaned from the recnode Redis, and the objects recnode uploaded to S3.
 */
import { z } from 'zod';
import { Id, IsoDate, PlatformName } from './common';
import { defineRoute } from './route';

export const RECORDING_OUTCOMES = ['complete', 'canceled', 'nothing_recorded'] as const;
export const RecordingOutcome = z.enum(RECORDING_OUTCOMES);
export type RecordingOutcome = z.infer<typeof RecordingOutcome>;

/** Who ended the live: an operator's finish or cancel, the cleaner (broadcast over), or recovery. */
export const RecordingEndedBy = z.enum(['operator', 'cleaner', 'recovery']);
export type RecordingEndedBy = z.infer<typeof RecordingEndedBy>;

/** How many missing segment numbers a loss report keeps. */
export const MAX_MISSING_NUMBERS = 100;

/** The loss report: the segment sets of the recnode Redis, counted just before they were deleted. */
export const RecordingSegments = z.object({
  ok: z.number().int(),
  failed: z.number().int(),
  retrying: z.number().int(),
  /** Numbers absent between the lowest and highest successful segment. */
  missing: z.number().int(),
  /** The first missing numbers, at most MAX_MISSING_NUMBERS. */
  missingNumbers: z.array(z.number().int()).max(MAX_MISSING_NUMBERS),
});
export type RecordingSegments = z.infer<typeof RecordingSegments>;

export const RecordingChannel = z.object({
  id: Id,
  platform: PlatformName,
  sourceId: z.string(),
  username: z.string(),
  profileImageUrl: z.string().nullable(),
});
export type RecordingChannel = z.infer<typeof RecordingChannel>;

export const RecordingDto = z.object({
  liveId: Id,
  channel: RecordingChannel,
  title: z.string(),
  videoName: z.string(),
  startedAt: IsoDate,
  endedAt: IsoDate.nullable(),
  durationSec: z.number().int().nullable(),
  /** Names of every node that ever recorded the live. */
  nodes: z.array(z.string()),
  /**
   * Nodes the finish stopped waiting for when its timeout ran out, still uploading or not
   * answering: what they had not uploaded by then may be missing from the recording.
   */
  nodesGivenUp: z.array(z.string()),
  /** Null until the loss report is taken (after the clean-up grace period). */
  segments: RecordingSegments.nullable(),
  outcome: RecordingOutcome,
  endedBy: RecordingEndedBy,
  /** The SQS finish event, if one was written; `sentAt` null while it waits in the outbox. */
  finishEvent: z
    .object({
      status: z.enum(['complete', 'canceled']),
      sentAt: IsoDate.nullable(),
    })
    .nullable(),
});
export type RecordingDto = z.infer<typeof RecordingDto>;

export const MAX_RECORDINGS_PAGE = 200;

export const RecordingQuery = z
  .object({
    platform: PlatformName.optional(),
    channelId: z.uuid({ error: 'must be a UUID' }).optional(),
    outcome: RecordingOutcome.optional(),
    /** Case-insensitive substring of the title or the channel's username. */
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_RECORDINGS_PAGE).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type RecordingQuery = z.infer<typeof RecordingQuery>;
export type RecordingQueryInput = z.input<typeof RecordingQuery>;

export const RecordingPage = z.object({
  items: z.array(RecordingDto),
  total: z.number().int(),
});
export type RecordingPage = z.infer<typeof RecordingPage>;

export const RecordingObject = z.object({
  key: z.string(),
  size: z.number().int(),
  lastModified: IsoDate,
});
export type RecordingObject = z.infer<typeof RecordingObject>;

export const RecordingObjects = z.object({
  /** False when recflow has no S3 bucket configured; `objects` is then empty. */
  configured: z.boolean(),
  bucket: z.string().nullable(),
  /** `incomplete/{platform}/{uid}/{videoName}/`, where recnode uploads the live's segments. */
  prefix: z.string(),
  objects: z.array(RecordingObject),
});
export type RecordingObjects = z.infer<typeof RecordingObjects>;

export const recordingRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/recordings',
    tag: 'Recordings',
    summary: 'Finished lives, newest ended first, with their loss reports and finish events',
    query: RecordingQuery,
    response: RecordingPage,
  }),
  objects: defineRoute({
    method: 'GET',
    path: '/api/recordings/:liveId/objects',
    tag: 'Recordings',
    summary: "The objects recnode uploaded to S3 under the live's prefix",
    description: [
      'Lists `incomplete/{platform}/{uid}/{videoName}/` in `S3_BUCKET`. Without a configured bucket the answer',
      'is `configured: false` with no objects. An unknown or unfinished live is 404; a failing S3 is 502.',
    ].join(' '),
    params: z.object({ liveId: z.uuid({ error: 'must be a UUID' }) }),
    response: RecordingObjects,
    errors: [404, 502],
  }),
};
