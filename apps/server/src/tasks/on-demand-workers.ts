/**
 * Workers of the on-demand job queues (drain now; finishing lives later). Like the periodic tasks
 * they run on every replica with the scheduler enabled, and each job runs on one of them.
 */
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { FINISH_QUEUE, LiveFinisher } from '../live/live-finisher';
import { DRAIN_QUEUE, type DrainJob, NodeDrainer } from '../live/node-drainer';
import { bullConnection, bullPrefix } from '../redis/bullmq-connection';
import { closeWithin } from './bounded-close';

@Injectable()
export class OnDemandWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OnDemandWorkers');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly drainer: NodeDrainer,
    private readonly finisher: LiveFinisher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.values.SCHEDULER_ENABLED) return;
    const finishing = new Worker(
      FINISH_QUEUE,
      (job) => this.finisher.finalize((job.data as { liveId: string }).liveId),
      {
        connection: bullConnection(this.config),
        prefix: bullPrefix(this.config),
        // Finishing mostly waits on nodes uploading, and a node that never drops a live (a dead one,
        // or a hung download) holds its finish for LIVE_FINISH_TIMEOUT_SEC: many lives wait at
        // once, so that the lives of one such node do not hold up every other finish.
        concurrency: 50,
        // A job whose replica died is taken over within seconds rather than BullMQ's 30 s default
        // (the lock is renewed while the job runs), and finalize is re-runnable, so a job that
        // stalls a few times is retried rather than failed.
        lockDuration: 15_000,
        stalledInterval: 10_000,
        maxStalledCount: 5,
      },
    );
    finishing.on('failed', (job, error) => {
      this.logger.error(
        `${FINISH_QUEUE} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      );
      // Out of retries: keep the row, say why, and tell an operator (the original deleted the
      // live without sending its finish event, and the recording was silently orphaned).
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void this.finisher
          .giveUp((job.data as { liveId: string }).liveId, error.message)
          .catch(() => undefined);
      }
    });
    finishing.on('error', (error) => this.logger.warn(`${FINISH_QUEUE} worker: ${error.message}`));
    this.workers.push(finishing);
    const worker = new Worker(
      DRAIN_QUEUE,
      (job) => this.drainer.drain(job.data as DrainJob, (progress) => job.updateProgress({ ...progress })),
      { connection: bullConnection(this.config), prefix: bullPrefix(this.config), concurrency: 1 },
    );
    worker.on('failed', (job, error) =>
      this.logger.error(`${DRAIN_QUEUE} job ${job?.id} failed: ${error.message}`),
    );
    worker.on('error', (error) => this.logger.warn(`${DRAIN_QUEUE} worker: ${error.message}`));
    this.workers.push(worker);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // A finishing job cut short is re-run from the start after its lock expires: finalize is re-runnable.
    const timeoutMs = this.config.values.TASK_SHUTDOWN_TIMEOUT_MS;
    if (!(await closeWithin(this.workers, timeoutMs))) {
      this.logger.warn(
        `on-demand jobs still running after ${timeoutMs} ms, or Redis unreachable; left to be re-run`,
      );
    }
  }
}
