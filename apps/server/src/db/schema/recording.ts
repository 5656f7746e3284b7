/**
 * recording_report: what is known of a recording once its live has ended. The node names are
 * written when the live finishes (in the finishing transaction, while its bindings still exist);
 * the segment counts when its recording state is cleaned from the recnode Redis (the loss report).
 * Keyed by live id without a foreign key on purpose: a purged live's report is the only trace of
 * what it lost, and a purged live's recording state is cleaned (and reported) after the row is gone.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from './columns';

export const recordingReport = pgTable(
  'recording_report',
  {
    liveId: uuid().primaryKey(),
    /** Names of every node that recorded the live; null when the live ended without the finisher. */
    nodes: text().array(),
    /**
     * Names of the nodes the finisher stopped waiting for at its timeout: what they had not
     * uploaded by then may be missing. Empty when every node finished; null when the live ended
     * without the finisher.
     */
    nodesGivenUp: text().array(),
    segmentsOk: integer(),
    segmentsFailed: integer(),
    segmentsRetrying: integer(),
    /** Numbers absent from the success set between its lowest (a stray ≤ 0 aside) and highest number. */
    segmentsMissing: bigint({ mode: 'number' }),
    /** The first missing numbers (at most 100); HLS sequence numbers may exceed 32 bits. */
    missingNumbers: bigint({ mode: 'number' }).array(),
    /** When the loss report was taken; null until then. Once set, it is never overwritten. */
    takenAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'recording_report_taken_check',
      sql`${t.takenAt} is null or (${t.segmentsOk} >= 0 and ${t.segmentsFailed} >= 0 and ${t.segmentsRetrying} >= 0 and ${t.segmentsMissing} >= 0 and ${t.missingNumbers} is not null)`,
    ),
  ],
);
