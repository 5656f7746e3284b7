/**
 * The outbox of finish events, so that ending a live and sending its SQS event cannot come apart
 * (the original could delete a live before its event was sent, and the event was lost). `enqueue`
 * runs inside the transaction that ends the live, so the event exists exactly when the status
 * change does, at most one per live. `relay` publishes due events one at a time and marks each
 * sent right after its send, so a crash can repeat only the one message in flight, and that repeat
 * carries the same event id. Failures back off exponentially and stay visible in the backlog.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { FinishBacklog, SqsFinishMessage } from '@recflow/contracts';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { finishEvent } from '../db/schema';
import { SqsPublisher } from '../upstream/sqs/sqs-publisher';

const BATCH = 50;
const MAX_BACKOFF_SEC = 300;

@Injectable()
export class FinishOutbox {
  private readonly logger = new Logger('FinishOutbox');

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly sqs: SqsPublisher,
  ) {}

  /** Writes the live's finish event (no-op if it has one already); call within the finishing transaction. */
  async enqueue(tx: DbOrTx, liveId: string, body: SqsFinishMessage): Promise<boolean> {
    const rows = await tx
      .insert(finishEvent)
      .values({ liveId, body })
      .onConflictDoNothing({ target: finishEvent.liveId })
      .returning({ id: finishEvent.id });
    return rows.length > 0;
  }

  async relay(): Promise<{ due: number; sent: number; failed: number }> {
    const db = this.handle.database.db;
    if (!this.sqs.configured) return { due: 0, sent: 0, failed: 0 };
    const due = await db
      .select()
      .from(finishEvent)
      .where(and(eq(finishEvent.status, 'pending'), lte(finishEvent.nextAttemptAt, sql`now()`)))
      .orderBy(asc(finishEvent.nextAttemptAt))
      .limit(BATCH);
    let sent = 0;
    let failed = 0;
    for (const event of due) {
      try {
        await this.sqs.publish(event.id, event.body);
        await db
          .update(finishEvent)
          .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
          .where(eq(finishEvent.id, event.id));
        sent++;
      } catch (error) {
        failed++;
        const backoff = Math.min(2 ** event.attempts, MAX_BACKOFF_SEC);
        await db
          .update(finishEvent)
          .set({
            attempts: sql`${finishEvent.attempts} + 1`,
            lastError: (error as Error).message.slice(0, 500),
            nextAttemptAt: sql`now() + make_interval(secs => ${backoff})`,
          })
          .where(eq(finishEvent.id, event.id));
        this.logger.warn(
          `finish event ${event.id} not published (attempt ${event.attempts + 1}): ${(error as Error).message}`,
        );
      }
    }
    return { due: due.length, sent, failed };
  }

  async backlog(): Promise<FinishBacklog> {
    const result = (await this.handle.database.db.execute(sql`
      select count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status = 'pending' and attempts > 0)::int as retrying,
             count(*) filter (where status = 'sent')::int as sent,
             min(created_at) filter (where status = 'pending') as oldest
      from finish_event`)) as unknown as {
      rows: Array<{ pending: number; retrying: number; sent: number; oldest: string | Date | null }>;
    };
    const row = result.rows[0]!;
    return {
      pending: row.pending,
      retrying: row.retrying,
      sent: row.sent,
      oldestPendingAt: row.oldest ? new Date(row.oldest).toISOString() : null,
    };
  }
}
