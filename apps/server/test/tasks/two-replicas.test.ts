import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { api, type TaskRunDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { TEST_REDIS_URL } from '../support/env';
import { freePort } from '../support/server-process';
import { deleteRedisPrefix } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

// Two real recflow processes (the built server) share one database and one Redis, as two
// Kubernetes replicas do.
const MAIN = resolve(__dirname, '../../dist/main.js');
const INTERVAL_MS = 300;

let sim: Simulator;
let db: TestDatabase;
const prefix = `recflow_test_${randomBytes(4).toString('hex')}`;
const processes: ChildProcess[] = [];
let clients: ApiClient[] = [];

async function startReplica(): Promise<ApiClient> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.url,
      SERVER_REDIS_URL: TEST_REDIS_URL,
      SERVER_REDIS_PREFIX: prefix,
      STREAMQ_URL: sim.url,
      APP_HOST: '127.0.0.1',
      APP_PORT: String(port),
      LOG_LEVEL: 'error',
      CHANNEL_REFRESH_INTERVAL_MS: String(INTERVAL_MS),
      CHANNEL_REFRESH_BATCH_SIZE: '3',
    },
    stdio: 'ignore',
  });
  processes.push(child);
  const client = new ApiClient(`http://127.0.0.1:${port}`);
  await waitFor(async () => (await client.raw('GET', '/readyz')).status === 200, {
    timeoutMs: 30_000,
    what: 'a replica',
  });
  return client;
}

async function runsBetween(from: number, to: number): Promise<TaskRunDto[]> {
  const runs = await clients[0]!.ok(api.tasks.runs, {
    params: { name: 'channel_refresh' },
    query: { limit: 200 },
  });
  return runs
    .filter((r) => Date.parse(r.startedAt) >= from && Date.parse(r.startedAt) < to)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

function expectNoOverlap(runs: TaskRunDto[]) {
  for (let i = 1; i < runs.length; i++) {
    expect(Date.parse(runs[i]!.startedAt), `run ${i} starts before run ${i - 1} ends`).toBeGreaterThanOrEqual(
      Date.parse(runs[i - 1]!.finishedAt),
    );
  }
}

beforeAll(async () => {
  sim = await startSimulator();
  db = await createTestDatabase();
  clients = [await startReplica(), await startReplica()];
  for (let i = 0; i < 6; i++) {
    sim.world.addChannel({ platform: 'chzzk', sourceId: `replica${i}`, username: `Replica ${i}` });
    await clients[i % 2]!.ok(api.channels.create, {
      body: { platformName: 'chzzk', sourceId: `replica${i}` },
    });
  }
}, 90_000);

afterAll(async () => {
  for (const child of processes) child.kill('SIGTERM');
  await Promise.all(
    processes.map(
      (c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r))),
    ),
  );
  await sim?.close();
  await db?.drop();
  await deleteRedisPrefix(TEST_REDIS_URL, prefix);
});

describe.runIf(existsSync(MAIN))('two replicas', () => {
  it('run each tick of a periodic task once, on either replica', async () => {
    sim.faults.streamq = { mode: 'slow', delayMs: 50 };
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 6_000));
    const runs = await runsBetween(from, Date.now() - 1_000);
    const ticks = 5_000 / INTERVAL_MS;
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor(ticks * 0.6));
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(ticks) + 1);
    expectNoOverlap(runs);
    // Which replica takes a tick is up to whichever worker asks first; on a loaded machine one of
    // them can win every tick of a few seconds, so give the other one longer to take one.
    await waitFor(
      async () => new Set((await runsBetween(from, Date.now())).map((r) => r.replica)).size === 2,
      { timeoutMs: 20_000, what: 'ticks run by both replicas' },
    );
  });

  it('never run a task concurrently, even when a run outlasts the interval', async () => {
    sim.faults.streamq = { mode: 'slow', delayMs: INTERVAL_MS * 2 };
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 5_000));
    const runs = await runsBetween(from, Date.now());
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.every((r) => r.durationMs >= INTERVAL_MS * 2)).toBe(true);
    expectNoOverlap(runs);
  });

  it('stop cleanly on SIGTERM: running work finishes, pools close, exit code 0', async () => {
    const child = processes[1]!;
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  });
});
