/**
 * finish_event: the transactional outbox of SQS finish events. A row is written in the same
 * transaction as the live's status change, and a relay publishes it; at most one per live.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns';
import { live } from './live';

export const finishEventStatus = pgEnum('finish_event_status', ['pending', 'sent']);

export const finishEvent = pgTable(
  'finish_event',
  {
    id: id(),
    /** Kept when the live row is purged: the event still has to reach vodify. */
    liveId: uuid().references(() => live.id, { onDelete: 'set null' }),
    /** The SQS body, exactly the contract's fields. */
    body: jsonb().$type<Record<string, string>>().notNull(),
    status: finishEventStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    lastError: text(),
    sentAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('finish_event_live_key').on(t.liveId),
    index('finish_event_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('finish_event_attempts_check', sql`${t.attempts} >= 0`),
  ],
);
