/**
 * Where every task run is recorded, in recflow's Redis so all replicas see the same history:
 * per task a hash of totals and the last run, and a capped list of recent runs (start, end,
 * duration, lag behind its schedule, replica, outcome).
 */
import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { ServerRedis } from '../redis/server-redis';
import type { TaskSummary } from './periodic-task';

export interface TaskRun {
  task: string;
  replica: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  lagMs: number;
  ok: boolean;
  error?: string;
  summary?: TaskSummary;
}

export interface TaskTotals {
  runs: number;
  failures: number;
  lastRun: TaskRun | null;
}

const RECENT_RUNS = 200;

@Injectable()
export class TaskRunLog {
  readonly replica = `${hostname()}:${process.pid}`;

  constructor(private readonly redis: ServerRedis) {}

  async record(run: TaskRun): Promise<void> {
    const json = JSON.stringify(run);
    await this.redis.client
      .multi()
      .hincrby(`tasks:${run.task}`, 'runs', 1)
      .hincrby(`tasks:${run.task}`, 'failures', run.ok ? 0 : 1)
      .hset(`tasks:${run.task}`, 'lastRun', json)
      .lpush(`tasks:${run.task}:runs`, json)
      .ltrim(`tasks:${run.task}:runs`, 0, RECENT_RUNS - 1)
      .exec();
  }

  async totals(tasks: string[]): Promise<Map<string, TaskTotals>> {
    const pipeline = this.redis.client.pipeline();
    for (const task of tasks) pipeline.hgetall(`tasks:${task}`);
    const results = (await pipeline.exec()) ?? [];
    // A pipeline reports each command's failure in its result; an outage must not read as "no runs".
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    return new Map(
      tasks.map((task, i) => {
        const hash = (results[i]?.[1] ?? {}) as Record<string, string>;
        return [
          task,
          {
            runs: Number(hash.runs ?? 0),
            failures: Number(hash.failures ?? 0),
            lastRun: hash.lastRun ? (JSON.parse(hash.lastRun) as TaskRun) : null,
          },
        ];
      }),
    );
  }

  async recent(task: string, limit = 50): Promise<TaskRun[]> {
    const items = await this.redis.client.lrange(`tasks:${task}:runs`, 0, limit - 1);
    return items.map((item) => JSON.parse(item) as TaskRun);
  }
}
