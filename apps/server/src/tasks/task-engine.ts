/**
 * Runs the periodic tasks with BullMQ across every replica:
 * - one queue per task, with a job scheduler (`every` interval) that any replica may upsert — the
 *   scheduler id makes registration idempotent, so it exists once however many replicas start;
 * - the queue's global concurrency is 1, so a tick runs on exactly one replica and never overlaps
 *   the previous one, with no hand-rolled locks (the original's could expire mid-run and let two overlap);
 * - a failed run is logged and recorded; the schedule goes on (no retries: the next tick comes).
 * On shutdown the workers stop taking jobs and running ones may finish, within a bound.
 */
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { countingStatements } from '../db/statement-count';
import { bullConnection, bullPrefix } from '../redis/bullmq-connection';
import { AdminBoard } from './admin-board';
import { closeWithin } from './bounded-close';
import { PERIODIC_TASKS, type PeriodicTask } from './periodic-task';
import { TaskRunLog } from './task-run-log';

const KEEP_JOBS = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
const STALL_LOCK_MS = 6_000;
const STALL_CHECK_MS = 3_000;
/** How often the schedules are checked for having vanished from Redis. */
const SCHEDULE_CHECK_MS = 5_000;
/** Queues have no jobs to wait for when they close: this bound only matters while Redis is away. */
const QUEUE_CLOSE_MS = 2_000;

@Injectable()
export class TaskEngine implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Tasks');
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private scheduleCheck: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly runLog: TaskRunLog,
    private readonly board: AdminBoard,
    @Inject(PERIODIC_TASKS) private readonly tasks: PeriodicTask[],
  ) {
    const names = tasks.map((t) => t.name);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    if (repeated.length > 0) throw new Error(`periodic tasks registered twice: ${repeated.join(', ')}`);
  }

  /** The registered tasks and their intervals (for the API and the dashboard). */
  list(): Array<{ name: string; intervalMs: number }> {
    return this.tasks.map((t) => ({ name: t.name, intervalMs: t.intervalMs }));
  }

  async onApplicationBootstrap(): Promise<void> {
    const connection = bullConnection(this.config);
    const prefix = bullPrefix(this.config);
    for (const task of this.tasks) {
      const queue = new Queue(task.name, { connection, prefix });
      this.queues.set(task.name, queue);
      await this.schedule(task, queue);
    }
    this.board.show([...this.queues.values()]);
    this.scheduleCheck = setInterval(() => void this.restoreSchedules(), SCHEDULE_CHECK_MS);
    this.scheduleCheck.unref();
    if (!this.config.values.SCHEDULER_ENABLED) {
      this.logger.log('SCHEDULER_ENABLED=false: this replica registers the schedules but runs no task');
      return;
    }
    for (const task of this.tasks) {
      const worker = new Worker(task.name, (job) => this.run(task, job), {
        connection,
        prefix,
        concurrency: 1,
        // A tick whose worker died is not worth re-running: the next tick comes soon.
        maxStalledCount: 0,
        // A replica that dies mid-run holds the task's single slot until its lock expires and the
        // stall is noticed; short values keep that pause to seconds (the lock is renewed while a
        // run is alive, so long runs are unaffected).
        lockDuration: STALL_LOCK_MS,
        stalledInterval: STALL_CHECK_MS,
      });
      worker.on('error', (error) => this.logger.warn(`${task.name} worker: ${error.message}`));
      this.workers.push(worker);
    }
  }

  private async schedule(task: PeriodicTask, queue: Queue): Promise<void> {
    await queue.setGlobalConcurrency(1);
    await queue.upsertJobScheduler(
      task.name,
      { every: task.intervalMs },
      { name: task.name, opts: KEEP_JOBS },
    );
  }

  /**
   * A Redis that restarted empty (or failed over to a copy without them) has lost the schedules,
   * and with them every tick: the loops would stop for good. Missing ones are put back; an
   * existing one is left alone, since upserting it again would push its next tick back.
   */
  private async restoreSchedules(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      for (const task of this.tasks) {
        const queue = this.queues.get(task.name)!;
        if (await queue.getJobScheduler(task.name)) continue;
        await this.schedule(task, queue);
        this.logger.warn(`${task.name}: its schedule was gone from Redis; restored`);
      }
    } catch {
      // Redis is still away: the next check tries again.
    } finally {
      this.checking = false;
    }
  }

  private async run(task: PeriodicTask, job: Job): Promise<void> {
    const started = Date.now();
    // A scheduled job's `delay` is zeroed when it becomes due; the original delay stays in opts.
    const dueAt = job.timestamp + (job.opts.delay ?? 0);
    const lagMs = Math.max(0, (job.processedOn ?? started) - dueAt);
    let ok = true;
    let error: string | undefined;
    let summary: Awaited<ReturnType<PeriodicTask['run']>>;
    // Every run says what it cost the database, failed runs included.
    const sql = { statements: 0 };
    try {
      summary = await countingStatements(sql, () => task.run());
    } catch (e) {
      ok = false;
      error = (e as Error)?.message ?? String(e);
      this.logger.error(`${task.name} failed (job ${job.id}): ${(e as Error)?.stack ?? error}`);
    }
    const finished = Date.now();
    await this.runLog
      .record({
        task: task.name,
        replica: this.runLog.replica,
        startedAt: new Date(started).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        durationMs: finished - started,
        lagMs,
        ok,
        ...(error ? { error } : {}),
        summary: { ...summary, sqlStatements: sql.statements },
      })
      .catch((e: Error) => this.logger.warn(`cannot record the ${task.name} run: ${e.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleCheck);
    const timeoutMs = this.config.values.TASK_SHUTDOWN_TIMEOUT_MS;
    if (!(await closeWithin(this.workers, timeoutMs))) {
      // The stuck run is abandoned; its job is not retried (maxStalledCount 0) and the next tick runs elsewhere.
      this.logger.warn(
        `tasks still running after ${timeoutMs} ms, or Redis unreachable; shutting down without them`,
      );
    }
    await closeWithin([...this.queues.values()], QUEUE_CLOSE_MS);
  }
}
