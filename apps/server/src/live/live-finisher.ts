/**
 * Finishing a live. `request` marks it `finalizing` — a persisted status the cleaner and the
 * balancer leave alone (the original overwrote it at once, so its cleaner could delete a live
 * before the finish event went out) — and queues a `live_finish` job keyed by the live, so asking
 * twice finishes once. `finalize` (the job, safe to re-run after a crash): stops every bound
 * recorder and waits until each node has uploaded and dropped it (upload-wait.ts: a failed poll is
 * never taken for a finished upload, so only LIVE_FINISH_TIMEOUT_SEC ends the wait for a node that
 * does not answer), then, in one transaction, ends the live, releases its nodes and writes the SQS
 * finish event to the outbox — if anything was recorded, judged by the live's binding history and
 * segment sets, not by its current bindings (so a live whose nodes all failed still gets its event,
 * which the original dropped). The nodes given up on are named in the recording's report, the audit
 * and a notice to the operator.
 */
import { Injectable, Logger } from '@nestjs/common';
import { type DeleteLiveResult, ERROR_CODES, LIVE_STATUSES, type SqsFinishMessage } from '@recflow/contracts';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { DatabaseHandle } from '../db/db.module';
import { auditEvent, type FinishRequest, live as liveTable } from '../db/schema';
import { FinishOutbox } from '../finish/finish-outbox';
import { RecordingRepository } from '../recording/recording.repository';
import { ConflictError, NotFoundError } from '../shared/errors';
import { JobProducer } from '../tasks/job-producer';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { LiveRepository } from './live.repository';
import { LiveNodeRepository } from './live-node.repository';
import { LiveQueryService } from './live-query';
import { Notifications } from './notifications';
import { waitForUploads } from './upload-wait';

export const FINISH_QUEUE = 'live_finish';
/** Between two rounds of polls of the nodes still uploading a finished live. */
const POLL_MS = 1_000;
/** A finish requested this long ago without a job in the queue was interrupted. */
const RESUME_AFTER_SEC = 30;
const RESUME_BATCH = 100;

const finishJobId = (liveId: string) => `finish-${liveId}`;

@Injectable()
export class LiveFinisher {
  private readonly logger = new Logger('LiveFinisher');

  constructor(
    private readonly config: AppConfig,
    private readonly handle: DatabaseHandle,
    private readonly lives: LiveRepository,
    private readonly bindings: LiveNodeRepository,
    private readonly query: LiveQueryService,
    private readonly producer: JobProducer,
    private readonly recnode: RecnodeClient,
    private readonly recnodeRedis: RecnodeRedis,
    private readonly outbox: FinishOutbox,
    private readonly audit: AuditLog,
    private readonly notifications: Notifications,
    private readonly recordings: RecordingRepository,
  ) {}

  async request(
    liveId: string,
    cmd: 'finish' | 'cancel',
    purge: boolean,
    by: FinishRequest['by'],
  ): Promise<DeleteLiveResult> {
    const request: FinishRequest = { cmd, purge, by, at: new Date().toISOString() };
    const marked = await this.lives.markFinalizing(liveId, request);
    if (marked) {
      await this.audit.record({
        kind: 'live.finishing',
        liveId,
        message: `${cmd} requested by the ${by}${purge ? ' (purge)' : ''}`,
      });
    } else {
      const current = await this.lives.record(liveId);
      if (!current) throw new NotFoundError(`No live with id ${liveId}`, ERROR_CODES.live.notFound);
      if (current.live.status !== 'finalizing') {
        throw new ConflictError(
          `Live ${liveId} is already ${current.live.status}; there is nothing to ${cmd}`,
          ERROR_CODES.live.notActive,
        );
      }
    }
    await this.enqueue(liveId);
    const [dto] = await this.query.list({
      ids: [liveId],
      status: [...LIVE_STATUSES],
      limit: 1,
      segments: false,
    });
    return { live: dto ?? null, purged: false, recordersLeftRunning: [], finishing: true };
  }

  /**
   * Queues the finishing job of a live already `finalizing` (a restart moves the old live there in
   * its own transaction). A job per live: a repeated call while finishing queues nothing new.
   */
  async enqueue(liveId: string): Promise<void> {
    await this.producer.enqueue(
      FINISH_QUEUE,
      { liveId },
      // Eight attempts with back-off span about 13 minutes: a database restart or a short outage
      // does not make a finish give up.
      { jobId: finishJobId(liveId), attempts: 8, backoff: { type: 'exponential', delay: 3_000 } },
    );
  }

  /**
   * Queues again the finishing of lives whose job is gone: the process died between the status
   * change and the enqueue, or the job was lost to repeated crashes (BullMQ fails a job that
   * stalls more than once). A live whose finish gave up waits for an operator instead.
   */
  async resume(): Promise<number> {
    const stuck = await this.handle.database.db
      .select({ id: liveTable.id })
      .from(liveTable)
      .where(
        and(
          eq(liveTable.status, 'finalizing'),
          isNull(liveTable.failureReason),
          sql`(${liveTable.finishRequest}->>'at')::timestamptz < now() - make_interval(secs => ${RESUME_AFTER_SEC})`,
        ),
      )
      .limit(RESUME_BATCH);
    const queue = this.producer.queue(FINISH_QUEUE);
    let resumed = 0;
    for (const { id } of stuck) {
      const job = await queue.getJob(finishJobId(id));
      const state = job ? await job.getState() : 'missing';
      if (['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'].includes(state)) continue;
      // A finished or failed job keeps its id: it has to go before the same id can be queued again.
      await job?.remove();
      await this.enqueue(id);
      resumed++;
    }
    if (resumed > 0) this.logger.warn(`Resumed finishing ${resumed} live(s) whose job was lost`);
    return resumed;
  }

  /** The job. Returns what happened; throws to be retried when the database is unreachable. */
  async finalize(liveId: string): Promise<'finished' | 'not_finalizing'> {
    const record = await this.lives.record(liveId);
    if (record?.live.status !== 'finalizing' || !record.live.finishRequest) return 'not_finalizing';
    const request = record.live.finishRequest;
    const { givenUp } = await waitForUploads(
      liveId,
      record.nodes,
      {
        recordingIds: (endpoint) => this.recnode.listedIds(endpoint),
        cancel: (endpoint) => this.recnode.cancel(endpoint, liveId),
      },
      {
        timeoutMs: this.config.values.LIVE_FINISH_TIMEOUT_SEC * 1000,
        pollMs: POLL_MS,
        callTimeoutMs: this.config.values.HTTP_TIMEOUT_MS,
      },
    );

    const segments = await this.recnodeRedis.segmentCounts([liveId], 'master').catch(() => [null]);
    const recorded = (segments[0]?.success ?? 0) > 0 || (await this.everBound(liveId));
    // A finish that gave up on a node still sends `complete` for a finish and `canceled` for a
    // cancel: vodify can still make a video of what was uploaded, while holding the event for a node
    // that may never answer again would leave the recording unprocessed for good. What the given-up
    // nodes had not uploaded may be missing, which the report, the audit and the notice below say.
    const body: SqsFinishMessage = {
      status: request.cmd === 'finish' ? 'complete' : 'canceled',
      platform: record.platform.name,
      uid: record.channel.sourceId,
      videoName: record.live.videoName,
      fsName: record.live.fsName,
    };
    await this.handle.database.db.transaction(async (tx) => {
      if (!(await this.lives.completeFinish(tx, liveId))) return;
      // While the bindings still say which nodes record it; the recording's report keeps the names.
      await this.recordings.recordNodes(tx, liveId, givenUp);
      // Released here even on a node given up on: a recorder it still lists (a download that never
      // ends) no longer counts against the node's capacity, which is counted from the bindings.
      await this.bindings.unbind(liveId, undefined, tx);
      if (recorded) await this.outbox.enqueue(tx, liveId, body);
      if (request.purge) await tx.delete(liveTable).where(eq(liveTable.id, liveId));
    });
    await this.audit.record({
      kind: 'live.finished',
      liveId: request.purge ? null : liveId,
      message: `${request.cmd === 'finish' ? 'finished' : 'cancelled'}${recorded ? `; SQS ${body.status} queued` : '; nothing was recorded, no SQS event'}${
        givenUp.length ? `; gave up waiting for the uploads of ${givenUp.join(', ')}` : ''
      }`,
      details: { nodesGivenUp: givenUp },
    });
    if (givenUp.length > 0) {
      this.logger.warn(`Live ${liveId}: gave up waiting for the uploads of ${givenUp.join(', ')}`);
      this.notifications.finishGaveUp(liveId, givenUp);
    }
    this.logger.log(
      `Live ${liveId} ${request.cmd === 'finish' ? 'finished' : 'cancelled'} (${recorded ? body.status : 'nothing recorded'})`,
    );
    return 'finished';
  }

  /**
   * Called when the job has used up its attempts: the live keeps its row and stays `finalizing`
   * with the reason, so nothing is lost and an operator is told (the original deleted the live
   * without its finish event).
   */
  async giveUp(liveId: string, reason: string): Promise<void> {
    const message = `finishing failed after every retry: ${reason}`;
    await this.handle.database.db
      .update(liveTable)
      .set({ failureReason: message })
      .where(and(eq(liveTable.id, liveId), eq(liveTable.status, 'finalizing')));
    await this.audit.record({ kind: 'live.finish_failed', liveId, message });
    this.notifications.finishFailed(liveId, reason);
  }

  private async everBound(liveId: string): Promise<boolean> {
    const [row] = await this.handle.database.db
      .select({ n: count() })
      .from(auditEvent)
      .where(and(eq(auditEvent.liveId, liveId), eq(auditEvent.kind, 'live.node_added')));
    return (row?.n ?? 0) > 0;
  }
}
