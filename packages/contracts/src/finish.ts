/**
 * The finish event vodify consumes from SQS: exactly these fields, as JSON, the body vodify's
 * schema accepts. Anything recflow needs for itself (the event id) travels as a message attribute.
 */
import { z } from 'zod';
import { IsoDate, PlatformName } from './common';
import { defineRoute } from './route';

export const SqsFinishMessage = z
  .object({
    /** `complete` converts the recording; `canceled` deletes its sources. */
    status: z.enum(['complete', 'canceled']),
    platform: PlatformName,
    /** The channel's platform id (LiveState.channelId). */
    uid: z.string().min(1),
    videoName: z.string().min(1),
    fsName: z.string().min(1),
  })
  .strict();
export type SqsFinishMessage = z.infer<typeof SqsFinishMessage>;

/** The message attribute carrying the stable id of a finish event, for deduplication. */
export const FINISH_EVENT_ID_ATTRIBUTE = 'recflowEventId';

export const FinishBacklog = z.object({
  pending: z.number().int(),
  /** When the oldest unsent event was written, if any. */
  oldestPendingAt: IsoDate.nullable(),
  /** Events that failed to publish at least once and are still pending. */
  retrying: z.number().int(),
  sent: z.number().int(),
});
export type FinishBacklog = z.infer<typeof FinishBacklog>;

export const finishRoutes = {
  backlog: defineRoute({
    method: 'GET',
    path: '/api/finish-events/backlog',
    tag: 'Finish events',
    summary: 'Finish events not yet published to SQS',
    response: FinishBacklog,
  }),
};
