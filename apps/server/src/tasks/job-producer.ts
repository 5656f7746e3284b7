/**
 * Producers of on-demand jobs (finishing a live, draining a node group): one long-lived BullMQ
 * queue per job kind, opened on first use and closed at shutdown — never a queue per request,
 * which leaked connections in the original.
 */
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { bullConnection, bullPrefix } from '../redis/bullmq-connection';
import { closeWithin } from './bounded-close';

@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly config: AppConfig) {}

  /** The producer queue of one job kind; the same instance for every call. */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: bullConnection(this.config), prefix: bullPrefix(this.config) });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Enqueues a job; a `jobId` (no colons) makes the enqueue idempotent: BullMQ keeps one job per id. */
  enqueue(name: string, data: Record<string, unknown>, opts?: JobsOptions) {
    return this.queue(name).add(name, data, opts);
  }

  async onApplicationShutdown(): Promise<void> {
    // Bounded: a QUIT to an unreachable Redis would never return.
    await closeWithin([...this.queues.values()], 2_000);
    this.queues.clear();
  }
}
