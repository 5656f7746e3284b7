/** The live domain: lives (recordings of one broadcast) and their registration, as the API shows them. */
import { z } from 'zod';
import { ChannelDto, PlatformDto, SourceId } from './channel';
import { Id, IdParams, IsoDate, PlatformName, QueryBool } from './common';
import { NodeDto } from './node';
import { RecnodeRecording, StreamHeaders, StreamParams } from './recnode';
import { defineRoute } from './route';

export const LIVE_STATUSES = ['initializing', 'recording', 'finalizing', 'deleted', 'failed'] as const;
export const LiveStatus = z.enum(LIVE_STATUSES);
export type LiveStatus = z.infer<typeof LiveStatus>;
/** Statuses of a live still being recorded or finished. */
export const ACTIVE_STATUSES: readonly LiveStatus[] = ['initializing', 'recording', 'finalizing'];

/** Header and param values may be credentials: the API shows their names only. */
export const REDACTED = '<redacted>';

export const LiveStreamDto = z.object({
  id: Id,
  sourceId: z.string(),
  url: z.string(),
  params: StreamParams.nullable(),
  headers: StreamHeaders,
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
  checkedAt: IsoDate.nullable(),
});
export type LiveStreamDto = z.infer<typeof LiveStreamDto>;

export const LiveNodeDto = NodeDto.extend({
  /** When this node was bound to the live. */
  boundAt: IsoDate,
});
export type LiveNodeDto = z.infer<typeof LiveNodeDto>;

export const SegmentCounts = z.object({
  success: z.number().int(),
  failed: z.number().int(),
  retrying: z.number().int(),
});
export type SegmentCounts = z.infer<typeof SegmentCounts>;

/** Why a live is recorded. */
export const RecordedReason = z.discriminatedUnion('by', [
  z.object({ by: z.literal('manual') }),
  z.object({ by: z.literal('followed') }),
  z.object({
    by: z.literal('criterion'),
    criterionId: Id,
    criterionName: z.string(),
    /** The criterion's values the live matched, e.g. `keyword:Minecraft`. */
    matched: z.array(z.string()),
    viewCnt: z.number().int(),
  }),
]);
export type RecordedReason = z.infer<typeof RecordedReason>;

export const LiveDto = z.object({
  id: Id,
  sourceId: z.string(),
  liveTitle: z.string(),
  liveStreamId: Id.nullable(),
  fsName: z.string(),
  videoName: z.string(),
  viewCnt: z.number().int(),
  isAdult: z.boolean(),
  status: LiveStatus,
  /** Why the live failed, when it did. */
  failureReason: z.string().nullable(),
  /** Why it is recorded (null for lives from before this was kept). */
  recordedReason: RecordedReason.nullable(),
  domesticOnly: z.boolean(),
  overseasFirst: z.boolean(),
  /** The live this one replaced when recnode found that one invalid: both record the same broadcast. */
  restartedFrom: Id.nullable(),
  /** Since when the broadcast is on but its stream cannot be fetched; null while it can. */
  streamUnavailableSince: IsoDate.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
  deletedAt: IsoDate.nullable(),
  platform: PlatformDto,
  channel: ChannelDto,
  stream: LiveStreamDto.nullable(),
  isDisableRequested: z.boolean(),
  isFinished: z.boolean(),
  nodes: z.array(LiveNodeDto),
  /** Segment sets in the recnode Redis, when it could be read. */
  segments: SegmentCounts.nullable(),
});
export type LiveDto = z.infer<typeof LiveDto>;

export const LiveNodeRecording = z.object({
  nodeId: Id,
  node: z.string(),
  reachable: z.boolean(),
  error: z.string().nullable(),
  /** The node's recorder for this live, absent when the node does not record it. */
  recording: RecnodeRecording.nullable(),
});
export type LiveNodeRecording = z.infer<typeof LiveNodeRecording>;

export const LiveDetailDto = LiveDto.extend({ recordings: z.array(LiveNodeRecording) });
export type LiveDetailDto = z.infer<typeof LiveDetailDto>;

export const MAX_NODES_PER_LIVE = 10;

export const ManualStream = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of a media playlist' }),
    params: StreamParams.nullable().default(null),
    headers: StreamHeaders.default({}),
  })
  .strict();

export const CreateLiveBody = z
  .object({
    platformName: PlatformName,
    /** The channel's id on the platform. */
    sourceId: SourceId,
    /** A stream to record instead of asking stlink (both must reach the same broadcast). */
    stream: ManualStream.nullable().optional(),
    /** How many nodes, in distinct groups (default: the channel grade's, else NODES_PER_LIVE). */
    nodeCount: z.number().int().min(1).max(MAX_NODES_PER_LIVE).optional(),
    /** Only these nodes may be chosen. */
    nodeIds: z.array(Id).max(50).optional(),
    /** Only nodes of these groups may be chosen. */
    groupIds: z.array(Id).max(50).optional(),
    domesticOnly: z.boolean().optional(),
    overseasFirst: z.boolean().optional(),
  })
  .strict()
  .refine((b) => !(b.domesticOnly && b.overseasFirst), {
    message: 'domesticOnly and overseasFirst cannot both be true',
    path: ['overseasFirst'],
  });
export type CreateLiveBody = z.infer<typeof CreateLiveBody>;

const IdList = z
  .string()
  .transform((v) => v.split(',').filter(Boolean))
  .pipe(z.array(z.uuid({ error: 'must be UUIDs separated by commas' })));

export const LiveQuery = z
  .object({
    /** Comma-separated statuses; default: the active ones. `all` for every status. */
    status: z
      .string()
      .transform((v) => (v === 'all' ? [...LIVE_STATUSES] : v.split(',').filter(Boolean)))
      .pipe(z.array(LiveStatus))
      .optional(),
    platform: PlatformName.optional(),
    nodeId: Id.optional(),
    groupId: Id.optional(),
    channelId: Id.optional(),
    ids: IdList.optional(),
    /** Read segment counts from the recnode Redis (default true). */
    segments: QueryBool.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();
export type LiveQuery = z.infer<typeof LiveQuery>;

/**
 * `DELETE /api/lives`, the original body. `finish` stops the recorders and sends vodify `complete`
 * (keep the recording); `cancel` stops them and sends `canceled` (discard it); `delete` only
 * forgets recflow's record, and for an active live must say `metadataOnly: true`.
 * `isPurge` removes the row once the live is finished (its finish event is still sent).
 */
export const DeleteLiveBody = z
  .object({
    recordId: Id,
    cmd: z.enum(['finish', 'cancel', 'delete']),
    isPurge: z.boolean().default(false),
    /** Required to `delete` an active live: its recorders keep running and their files are not post-processed. */
    metadataOnly: z.boolean().default(false),
  })
  .strict();
export type DeleteLiveBody = z.infer<typeof DeleteLiveBody>;

export const DeleteLiveResult = z.object({
  /** The live as it is now; null once purged. */
  live: LiveDto.nullable(),
  purged: z.boolean(),
  /** Nodes still recording the live after a metadata-only delete. */
  recordersLeftRunning: z.array(z.string()),
  /** A finish or cancel is under way (the live is `finalizing`); follow the live's status. */
  finishing: z.boolean(),
});
export type DeleteLiveResult = z.infer<typeof DeleteLiveResult>;

/** A node group or one node to drain (or put back in service). */
export const DrainTarget = z
  .object({ groupId: Id.optional(), nodeId: Id.optional() })
  .strict()
  .refine((b) => (b.groupId === undefined) !== (b.nodeId === undefined), {
    message: 'give exactly one of groupId or nodeId',
    path: ['groupId'],
  });
export type DrainTarget = z.infer<typeof DrainTarget>;

export const DrainProgress = z.object({
  id: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed']),
  nodes: z.array(z.string()),
  /** Lives that were on the draining nodes when the drain started. */
  total: z.number().int(),
  /** Lives moved: a replacement recording in another group, then the draining node released. */
  moved: z.number().int(),
  /** Lives that could not get a replacement: they stay on the draining node rather than drop to zero. */
  stuck: z.array(z.string()),
  error: z.string().nullable(),
});
export type DrainProgress = z.infer<typeof DrainProgress>;

export const liveRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/lives',
    tag: 'Lives',
    summary: 'List lives (the active ones unless `status` says otherwise), newest first',
    query: LiveQuery,
    response: z.array(LiveDto),
  }),
  all: defineRoute({
    method: 'GET',
    path: '/api/lives/all',
    tag: 'Lives',
    summary: 'Every live in any status (same as `status=all`)',
    response: z.array(LiveDto),
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/lives/:id',
    tag: 'Lives',
    summary: "One live with each bound node's own view of its recording",
    params: IdParams,
    response: LiveDetailDto,
    errors: [404],
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/lives',
    tag: 'Lives',
    summary: 'Record a live now: resolve its stream and start it on nodes in distinct groups',
    description: [
      'Fetches the channel from the platform (404 if it is not live), resolves and checks the stream,',
      'writes the recording state for recnode and starts the recording on `nodeCount` nodes in distinct groups.',
      'A channel that already has an active live is 409 naming that live. When no node can take it,',
      'or no node confirms, the live is kept with status `failed` and the reason, and nothing else is left behind.',
    ].join(' '),
    body: CreateLiveBody,
    response: LiveDto,
    status: 201,
    errors: [404, 409, 422, 502],
  }),
  drain: defineRoute({
    method: 'POST',
    path: '/api/lives/drain',
    tag: 'Lives',
    summary: 'Drain a node group or a node for a rolling deploy',
    description: [
      'Cordons the nodes, then for each of their lives binds a replacement in another group, waits until it',
      'records, and only then releases the draining node: a live never drops to zero recording nodes. Runs as',
      'a job; follow it with `GET /api/lives/drain/:id`. Put the nodes back with `POST /api/lives/undrain`.',
      'Asked again for the same nodes while their drain is queued or running, it answers with that drain;',
      'a drain of only some of them is a 409 `drain.already_running` naming it.',
    ].join(' '),
    body: DrainTarget,
    response: DrainProgress,
    status: 202,
    errors: [404, 409],
  }),
  drainProgress: defineRoute({
    method: 'GET',
    path: '/api/lives/drain/:id',
    tag: 'Lives',
    summary: 'Progress of a drain',
    params: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a drain id') }),
    response: DrainProgress,
    errors: [404],
  }),
  undrain: defineRoute({
    method: 'POST',
    path: '/api/lives/undrain',
    tag: 'Lives',
    summary: 'Put a drained node group or node back in service (uncordon)',
    body: DrainTarget,
    response: z.object({ nodes: z.array(z.string()) }),
    errors: [404],
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/lives',
    tag: 'Lives',
    summary: 'Finish (keep), cancel (discard) or delete (forget) a live',
    description: [
      '`finish` and `cancel` mark the live `finalizing` at once and answer; the recorders are stopped, recflow',
      'waits until every node has uploaded (or LIVE_FINISH_TIMEOUT_SEC passed, and the nodes given up on are',
      'named in its recording), then the live is finished and its SQS event (complete or',
      'canceled) goes out through the outbox, if anything was recorded. Asking again while it finishes answers',
      'with its state. `delete` of a finished or failed live marks it deleted (or purges it); of an active live it',
      'is refused (409) unless `metadataOnly: true`, and the answer lists the nodes left recording.',
    ].join(' '),
    body: DeleteLiveBody,
    response: DeleteLiveResult,
    errors: [404, 409],
  }),
};
