/**
 * recnode's wire contract: the LiveState recflow writes for it, its HTTP answers, the segment
 * state it writes, and the names of its Redis keys.
 * The server's recnode client validates with these; the simulator's nodes produce and read them.
 */
import { z } from 'zod';
import { IsoDate, PlatformName } from './common';

/** Where a node writes the recording: directly, or through a proxy in one region. */
export const RecnodeLocation = z.enum(['local', 'proxy_domestic', 'proxy_overseas']);
export type RecnodeLocation = z.infer<typeof RecnodeLocation>;

/** Query parameters to add to the playlist URL, each possibly repeated (`?token=a&token=b`). */
export const StreamParams = z.record(z.string(), z.array(z.string()));
export type StreamParams = z.infer<typeof StreamParams>;

/** HTTP headers needed to fetch the playlist and its segments; may hold credentials. */
export const StreamHeaders = z.record(z.string(), z.string());
export type StreamHeaders = z.infer<typeof StreamHeaders>;

/**
 * `live:{id}` in the recnode Redis, written by recflow with `SET ... EX LIVE_STATE_EXPIRE_SEC NX`.
 * camelCase JSON with every key present (nullable keys are written as `null`, never left out).
 * recnode rewrites it only to set `isInvalid`.
 */
export const LiveState = z.object({
  /** recflow's live record id; also the id in recnode's `/api/recordings/{id}`. */
  id: z.string().min(1),
  platform: PlatformName,
  /** The channel's source id on the platform. */
  channelId: z.string().min(1),
  channelName: z.string(),
  /** The broadcast's source id: chzzk `liveId` as a string, soop `broadNo`. */
  liveId: z.string().min(1),
  liveTitle: z.string(),
  /** Always `null`: recflow never hands platform cookies to recnode. */
  platformCookie: z.null(),
  /** The media playlist (m3u8) URL, without `streamParams`. */
  streamUrl: z.url(),
  streamParams: StreamParams.nullable(),
  streamHeaders: StreamHeaders,
  videoName: z.string().min(1),
  fsName: z.string().min(1),
  location: RecnodeLocation,
  /** Written `false` by recflow; set `true` by a joining node that finds the stream inconsistent. */
  isInvalid: z.boolean(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type LiveState = z.infer<typeof LiveState>;

export const RecnodeRecordingStatus = z.enum(['waiting', 'recording', 'completed', 'failed']);
export type RecnodeRecordingStatus = z.infer<typeof RecnodeRecordingStatus>;

/** `stats` of a recording when `GET /api/recordings?fields=stats`; durations in seconds. */
export const RecnodeRecordingStats = z.object({
  processing_total: z.number().int().nonnegative(),
  failed_total: z.number().int().nonnegative(),
  segment_request_total: z.number().int().nonnegative(),
  m3u8_request_retries_total: z.number().int().nonnegative(),
  segment_request_retries_total: z.number().int().nonnegative(),
  segment_request_retries_avg: z.number().nonnegative(),
  segment_request_duration_avg: z.number().nonnegative(),
  m3u8_request_duration_avg: z.number().nonnegative(),
});
export type RecnodeRecordingStats = z.infer<typeof RecnodeRecordingStats>;

/**
 * One recorder on a node, as recflow uses it; `id` is the LiveState id it was started with. A node
 * shared with other work also lists recordings of platforms recflow does not record (recnode knows
 * `twitch` too): those do not match this schema, and are left out one by one, never failing the
 * whole list (see RecnodeRecordingListEnvelope).
 */
export const RecnodeRecording = z.object({
  id: z.string(),
  platform: PlatformName,
  channelId: z.string(),
  channelName: z.string(),
  liveId: z.string(),
  videoName: z.string(),
  fsName: z.string(),
  num: z.number().int().nonnegative(),
  location: RecnodeLocation,
  status: RecnodeRecordingStatus,
  stats: RecnodeRecordingStats.optional(),
});
export type RecnodeRecording = z.infer<typeof RecnodeRecording>;

/**
 * `GET /api/recordings` with every item one recflow can read. A recording absent after a DELETE has
 * finished uploading all its files.
 */
export const RecnodeRecordingList = z.object({ recordings: z.array(RecnodeRecording) });
export type RecnodeRecordingList = z.infer<typeof RecnodeRecordingList>;

/**
 * `GET /api/recordings` as a reader of any node checks it: the envelope strictly, the items not at
 * all, so that each is then validated on its own against RecnodeRecording. One recording recflow
 * cannot read (another platform, a field of another shape) must not make a healthy node's whole
 * answer invalid, which would look like the node being down.
 */
export const RecnodeRecordingListEnvelope = z.object({ recordings: z.array(z.unknown()) });
export type RecnodeRecordingListEnvelope = z.infer<typeof RecnodeRecordingListEnvelope>;

/** The body of a successful `POST` or `DELETE /api/recordings/{id}`: the JSON string `"ok"`. */
export const RecnodeOk = z.literal('ok');

/** `GET /api/health`. */
export const RecnodeHealth = z.object({ status: z.literal('UP') });

/**
 * Every error answer. recnode's own errors carry a string; FastAPI's request-validation errors
 * (also `422`) carry an array, which is how "Already recording live" is told apart.
 */
export const RecnodeError = z.object({ detail: z.union([z.string(), z.array(z.unknown())]) });
export type RecnodeError = z.infer<typeof RecnodeError>;

export const RECNODE_DETAIL = {
  notFoundLiveState: 'Not found LiveState',
  alreadyRecording: 'Already recording live',
} as const;

/**
 * `live:{id}:segment:{n}`, snake_case JSON written by recnode. Its first `SET NX` is a node's claim
 * on the segment. Dates are Python ISO strings, which may have no UTC offset.
 */
export const RecnodeSegmentState = z.object({
  num: z.number().int(),
  /** The segment's absolute URL as it appeared in the playlist. */
  url: z.string(),
  /** Seconds, from `#EXTINF`. */
  duration: z.number().nonnegative(),
  /**
   * Bytes; `null` until a node measures it: recnode claims a segment without a size and writes
   * one only when the download succeeds.
   */
  size: z.number().int().nonnegative().nullable(),
  /** How many download locks may be held at once: 1 normally, 3 while retrying. */
  parallel_limit: z.number().int().positive(),
  is_retrying: z.boolean(),
  /**
   * The writing node's local wall time, usually without an offset (Python's naive `datetime.now()`).
   * Nodes in different time zones write times hours apart: never compare them across nodes.
   */
  created_at: z.iso.datetime({ offset: true, local: true }),
  updated_at: z.iso.datetime({ offset: true, local: true }),
});
export type RecnodeSegmentState = z.infer<typeof RecnodeSegmentState>;

export const RECNODE_SEGMENT_SETS = ['success', 'failed', 'retrying'] as const;
export type RecnodeSegmentSet = (typeof RECNODE_SEGMENT_SETS)[number];

/** recnode's protocol constants, as its sources have them. */
export const RECNODE_PROTOCOL = {
  /** `PX` of `live:{id}:segment:{n}:lock:{k}`. */
  segmentLockTtlMs: 10_000,
  /** Expiry of segment states, segment sets and retry counters. */
  segmentKeyTtlSec: 86_400,
  /** `parallel_limit` of a segment being retried. */
  retryParallelLimit: 3,
  /** Retries after which a segment moves to `failed`. */
  maxSegmentRetries: 12,
  /** A joining node's playlist more than this many numbers from the recorded ones is invalid. */
  invalidNumberGap: 150,
  /** A recorded segment older than this, still in a joining node's playlist, is invalid. */
  invalidSegmentAgeSec: 120,
} as const;

/** `live:{id}`: the LiveState. */
export const liveStateKey = (id: string) => `live:${id}`;

/** ZSET of every live id with a state, score = creation time in epoch ms. */
export const LIVES_KEY = 'lives';

/** `live:{id}:segments:{success|failed|retrying}`: ZSETs of segment numbers. */
export const segmentSetKey = (id: string, set: RecnodeSegmentSet) => `live:${id}:segments:${set}`;

/** `live:{id}:segment:{n}`: the segment state; its first `SET NX` is the claim. */
export const segmentKey = (id: string, num: number) => `live:${id}:segment:${num}`;

/** `live:{id}:segment:{n}:lock:{k}`: download lock `k < parallel_limit`. */
export const segmentLockKey = (id: string, num: number, k: number) => `live:${id}:segment:${num}:lock:${k}`;

/** `live:{id}:segment:{n}:retry`: the retry counter (`INCR`). */
export const segmentRetryKey = (id: string, num: number) => `live:${id}:segment:${num}:retry`;

/** `live:{id}:segments:success:lock`: the lock guarding the success set. */
export const successLockKey = (id: string) => `live:${id}:segments:success:lock`;
