/**
 * Draining nodes for a rolling deploy: the nodes are cordoned, then each of their lives gets a
 * replacement node in another group, the drain waits until that replacement reports `recording`,
 * and only then releases the draining node — so a live never drops to zero recording nodes — and
 * waits until that node's recorder has uploaded and gone, so a completed drain means its nodes can
 * be redeployed. A live that cannot get a replacement (or whose old recorder does not stop within
 * DRAIN_WAIT_SEC) is reported as stuck. The work runs as an on-demand job (queue `node_drain`) on
 * any replica.
 */

import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { DrainProgress, DrainTarget } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { DatabaseHandle } from '../db/db.module';
import { liveNode, live as liveTable, node } from '../db/schema';
import { nodesLockedInOrder } from '../node/node.repository';
import { settleWithConcurrency } from '../shared/concurrency';
import { ConflictError, NotFoundError } from '../shared/errors';
import { JobProducer } from '../tasks/job-producer';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { LiveAllocator } from './live-allocator';
import { LiveNodeRepository } from './live-node.repository';
import { waitForUploads } from './upload-wait';

export const DRAIN_QUEUE = 'node_drain';
const LIVES_IN_PARALLEL = 5;
const POLL_MS = 500;

export interface DrainJob {
  nodeIds: string[];
  nodeNames: string[];
  total: number;
}

export interface DrainReport {
  moved: number;
  stuck: string[];
}

@Injectable()
export class NodeDrainer {
  private readonly logger = new Logger('NodeDrainer');

  constructor(
    private readonly config: AppConfig,
    private readonly handle: DatabaseHandle,
    private readonly producer: JobProducer,
    private readonly allocator: LiveAllocator,
    private readonly bindings: LiveNodeRepository,
    private readonly recnode: RecnodeClient,
    private readonly audit: AuditLog,
  ) {}

  private get db() {
    return this.handle.database.db;
  }

  private async nodesOf(target: DrainTarget) {
    const rows = await this.db
      .select({ id: node.id, name: node.name })
      .from(node)
      .where(target.groupId ? eq(node.groupId, target.groupId) : eq(node.id, target.nodeId!));
    if (rows.length === 0) {
      throw new NotFoundError(
        target.groupId ? `No node in group ${target.groupId}` : `No node with id ${target.nodeId}`,
        ERROR_CODES.drain.noNodes,
      );
    }
    return rows;
  }

  /**
   * Cordons the nodes and queues the drain; answers at once with its id. Asked again for the same
   * nodes while their drain is still queued or running (a script retrying, a second click), it
   * answers with that drain instead of starting another; a drain of some of them is a conflict.
   */
  async start(target: DrainTarget): Promise<DrainProgress> {
    const nodes = await this.nodesOf(target);
    const ids = nodes.map((n) => n.id);
    // Even when their drain is already running: they may have been undrained meanwhile.
    await this.db
      .update(node)
      .set({ isCordoned: true, updatedAt: sql`now()` })
      .where(inArray(node.id, nodesLockedInOrder(inArray(node.id, ids))));
    const running = await this.runningDrainOf(ids);
    if (running) {
      const same = running.nodeIds.length === ids.length && ids.every((id) => running.nodeIds.includes(id));
      if (same) return this.progress(running.id);
      const shared = nodes.filter((n) => running.nodeIds.includes(n.id)).map((n) => n.name);
      throw new ConflictError(
        `Node(s) ${shared.join(', ')} are already being drained by ${running.id}; wait for it to complete, or drain the other nodes one by one`,
        ERROR_CODES.drain.alreadyRunning,
      );
    }
    const [{ n } = { n: 0 }] = await this.db
      .select({ n: sql<number>`count(distinct ${liveNode.liveId})::int` })
      .from(liveNode)
      .where(inArray(liveNode.nodeId, ids));
    const id = `drain-${randomUUID()}`;
    const job: DrainJob = { nodeIds: ids, nodeNames: nodes.map((x) => x.name), total: n };
    // Two identical requests at the same moment both pass the check above: BullMQ keeps one job
    // per node set until it completes or fails, and the second gets the first's id back.
    const queued = await this.producer.enqueue(
      DRAIN_QUEUE,
      { ...job },
      {
        jobId: id,
        deduplication: { id: `drain-of-${[...ids].sort().join('.')}` },
        removeOnComplete: { age: 86_400 },
        removeOnFail: { age: 86_400 },
      },
    );
    if (queued.id !== id) return this.progress(queued.id!);
    this.logger.log(`drain ${id} of ${job.nodeNames.join(', ')}: ${n} live(s) to move`);
    await this.audit.record(
      ...nodes.map((x) => ({
        kind: 'node.drain_started',
        nodeId: x.id,
        message: `drain started (${id}); cordoned`,
        details: { drainId: id },
      })),
    );
    return { id, state: 'waiting', nodes: job.nodeNames, total: n, moved: 0, stuck: [], error: null };
  }

  /** A queued or running drain of any of the nodes. */
  private async runningDrainOf(nodeIds: string[]): Promise<{ id: string; nodeIds: string[] } | null> {
    const jobs = await this.producer
      .queue(DRAIN_QUEUE)
      .getJobs(['waiting', 'paused', 'active', 'delayed', 'prioritized']);
    for (const job of jobs) {
      const data = job?.data as DrainJob | undefined;
      if (job?.id && data?.nodeIds.some((id) => nodeIds.includes(id)))
        return { id: job.id, nodeIds: data.nodeIds };
    }
    return null;
  }

  async undrain(target: DrainTarget): Promise<{ nodes: string[] }> {
    const nodes = await this.nodesOf(target);
    await this.db
      .update(node)
      .set({ isCordoned: false, updatedAt: sql`now()` })
      .where(
        inArray(
          node.id,
          nodesLockedInOrder(
            inArray(
              node.id,
              nodes.map((x) => x.id),
            ),
          ),
        ),
      );
    await this.audit.record(
      ...nodes.map((x) => ({
        kind: 'node.undrained',
        nodeId: x.id,
        message: 'back in service (uncordoned)',
      })),
    );
    return { nodes: nodes.map((x) => x.name) };
  }

  async progress(id: string): Promise<DrainProgress> {
    const job = await this.producer.queue(DRAIN_QUEUE).getJob(id);
    if (!job) throw new NotFoundError(`No drain ${id}`, ERROR_CODES.drain.notFound);
    const data = job.data as DrainJob;
    const report = (typeof job.progress === 'object' ? job.progress : {}) as Partial<DrainReport>;
    const state = await job.getState();
    return {
      id,
      state: state === 'completed' || state === 'failed' || state === 'active' ? state : 'waiting',
      nodes: data.nodeNames,
      total: data.total,
      moved: report.moved ?? 0,
      stuck: report.stuck ?? [],
      error: job.failedReason ?? null,
    };
  }

  /** The job: moves every live off the draining nodes, reporting progress as it goes. */
  async drain(job: DrainJob, report: (progress: DrainReport) => Promise<void>): Promise<DrainReport> {
    const bound = await this.db
      .select({ liveId: liveNode.liveId, nodeId: liveNode.nodeId, endpoint: node.endpoint })
      .from(liveNode)
      .innerJoin(node, eq(node.id, liveNode.nodeId))
      .innerJoin(liveTable, eq(liveTable.id, liveNode.liveId))
      .where(and(inArray(liveNode.nodeId, job.nodeIds), eq(liveTable.status, 'recording')));
    const progress: DrainReport = { moved: 0, stuck: [] };
    const settled = (liveId: string, moved: boolean) => {
      if (moved) progress.moved++;
      else progress.stuck.push(liveId);
      return report(progress);
    };
    // Old recorders upload and stop while the next lives move: the drain ends when all have.
    const releases: Array<Promise<void>> = [];
    await settleWithConcurrency(bound, LIVES_IN_PARALLEL, async (binding) => {
      const taken = await this.moveOff(binding.liveId, binding.nodeId, binding.endpoint).catch(
        (error: Error) => {
          this.logger.warn(`drain: live ${binding.liveId} stays on its node: ${error.message}`);
          return null;
        },
      );
      if (!taken) return settled(binding.liveId, false);
      releases.push(taken.released.then((left) => settled(binding.liveId, left)));
    });
    await Promise.all(releases);
    return progress;
  }

  /**
   * Binds a replacement, waits until it records, then unbinds the draining node; answers with the
   * release of the old recorder still under way, or null when the live stays where it is.
   */
  private async moveOff(
    liveId: string,
    drainingNodeId: string,
    drainingEndpoint: string,
  ): Promise<{ released: Promise<boolean> } | null> {
    const current = await this.db
      .select({ nodeId: liveNode.nodeId, groupId: node.groupId })
      .from(liveNode)
      .innerJoin(node, eq(node.id, liveNode.nodeId))
      .where(eq(liveNode.liveId, liveId));
    const result = await this.allocator.allocate({
      liveId,
      count: 1,
      excludeGroupIds: current.map((c) => c.groupId),
      excludeNodeIds: current.map((c) => c.nodeId),
    });
    const replacement = result.started[0];
    if (!replacement) return null;
    const waitMs = this.config.values.DRAIN_WAIT_SEC * 1000;
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const recordings = await this.recnode.recordings(replacement.endpoint).catch(() => []);
      if (recordings.some((r) => r.id === liveId && r.status === 'recording')) {
        await this.bindings.unbind(liveId, [drainingNodeId]);
        const released = this.release(drainingEndpoint, liveId, Date.now() + waitMs).then(async (left) => {
          await this.audit.record(
            {
              kind: 'live.node_added',
              liveId,
              nodeId: replacement.id,
              message: `${replacement.name} took over from a draining node`,
            },
            {
              kind: 'live.node_drained',
              liveId,
              nodeId: drainingNodeId,
              message: left
                ? `released after ${replacement.name} recorded; its recorder has uploaded and stopped`
                : `released after ${replacement.name} recorded, but its recorder did not stop in time`,
            },
          );
          return left;
        });
        return { released };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return null;
  }

  /**
   * Stops the draining node's recorder and waits until it has uploaded and left the node's list,
   * by the finisher's rule (two good answers in a row without it; the cancel sent again after a
   * failed poll): a cancel lost on the way would otherwise leave a recorder running on a node
   * about to be redeployed, and what it had not uploaded would die with it. A drain is complete
   * only when its nodes can be taken down.
   */
  private async release(endpoint: string, liveId: string, deadline: number): Promise<boolean> {
    const { givenUp } = await waitForUploads(
      liveId,
      [{ name: endpoint, endpoint }],
      {
        recordingIds: (at) => this.recnode.listedIds(at),
        cancel: (at) => this.recnode.cancel(at, liveId),
      },
      {
        timeoutMs: Math.max(0, deadline - Date.now()),
        pollMs: POLL_MS,
        callTimeoutMs: this.config.values.HTTP_TIMEOUT_MS,
      },
    );
    return givenUp.length === 0;
  }
}
