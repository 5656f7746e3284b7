import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/config/app-config';
import { bullConnection, bullPrefix } from '../../src/redis/bullmq-connection';
import { AdminBoard } from '../../src/tasks/admin-board';
import { JobProducer } from '../../src/tasks/job-producer';
import type { PeriodicTask } from '../../src/tasks/periodic-task';
import { TaskEngine } from '../../src/tasks/task-engine';
import { TaskRunLog } from '../../src/tasks/task-run-log';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let app: TestApp;
let runLog: TaskRunLog;

beforeAll(async () => {
  app = await startTestApp();
  runLog = app.app.get(TaskRunLog, { strict: false });
});
afterAll(async () => {
  await app?.close();
});

function engineFor(tasks: PeriodicTask[], overrides: Partial<AppConfig['values']> = {}) {
  const config = app.config.with({ SCHEDULER_ENABLED: true, ...overrides });
  return new TaskEngine(config, runLog, new AdminBoard(), tasks);
}

const uniqueName = (label: string) => `test_${label}_${randomBytes(3).toString('hex')}`;

describe('the task engine', () => {
  it('records a failing run with its error, and the schedule goes on', async () => {
    let calls = 0;
    const task: PeriodicTask = {
      name: uniqueName('flaky'),
      intervalMs: 100,
      run: async () => {
        calls++;
        if (calls <= 2) throw new Error(`boom ${calls}`);
        return { calls };
      },
    };
    const engine = engineFor([task]);
    await engine.onApplicationBootstrap();
    try {
      const runs = await waitFor(
        async () => {
          const recent = await runLog.recent(task.name);
          return recent.length >= 4 ? recent.reverse() : undefined;
        },
        { what: 'four runs' },
      );
      expect(runs.slice(0, 2).map((r) => [r.ok, r.error])).toEqual([
        [false, 'boom 1'],
        [false, 'boom 2'],
      ]);
      expect(runs[2]).toMatchObject({ ok: true, summary: { calls: 3 } });
      expect(runs.every((r) => r.durationMs >= 0 && r.lagMs >= 0)).toBe(true);
      const totals = (await runLog.totals([task.name])).get(task.name)!;
      expect(totals.failures).toBe(2);
    } finally {
      await engine.beforeApplicationShutdown();
    }
  });

  it('lets a running task finish on shutdown', async () => {
    let started = false;
    let finished = false;
    const task: PeriodicTask = {
      name: uniqueName('slow'),
      intervalMs: 100,
      run: async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 600));
        finished = true;
        return undefined;
      },
    };
    const engine = engineFor([task]);
    await engine.onApplicationBootstrap();
    await waitFor(() => started, { what: 'the task to start' });
    await engine.beforeApplicationShutdown();
    expect(finished).toBe(true);
  });

  it('bounds how long shutdown waits', async () => {
    let started = false;
    const task: PeriodicTask = {
      name: uniqueName('stuck'),
      intervalMs: 100,
      run: async () => {
        started = true;
        await new Promise((r) => setTimeout(r, 5_000));
        return undefined;
      },
    };
    const engine = engineFor([task], { TASK_SHUTDOWN_TIMEOUT_MS: 200 });
    await engine.onApplicationBootstrap();
    await waitFor(() => started, { what: 'the task to start' });
    const before = Date.now();
    await engine.beforeApplicationShutdown();
    expect(Date.now() - before).toBeLessThan(2_000);
  });

  it('refuses two tasks with the same name at boot', () => {
    const task: PeriodicTask = { name: 'twice', intervalMs: 1000, run: async () => undefined };
    expect(() => engineFor([task, { ...task }])).toThrow('registered twice: twice');
  });
});

describe('on-demand jobs', () => {
  it('go through one long-lived producer queue per job kind, idempotent by job id', async () => {
    const producer = app.app.get(JobProducer, { strict: false });
    const name = uniqueName('on_demand');
    expect(producer.queue(name)).toBe(producer.queue(name));
    await producer.enqueue(name, { liveId: 'a' }, { jobId: 'finish-a' });
    await producer.enqueue(name, { liveId: 'a' }, { jobId: 'finish-a' });
    await producer.enqueue(name, { liveId: 'b' }, { jobId: 'finish-b' });
    expect(await producer.queue(name).getJobCountByTypes('waiting')).toBe(2);

    const seen: string[] = [];
    const worker = new Worker(name, async (job) => void seen.push(job.data.liveId as string), {
      connection: bullConnection(app.config),
      prefix: bullPrefix(app.config),
    });
    try {
      await waitFor(() => seen.length === 2, { what: 'both jobs processed' });
      expect(seen.sort()).toEqual(['a', 'b']);
    } finally {
      await worker.close();
    }
  });
});
