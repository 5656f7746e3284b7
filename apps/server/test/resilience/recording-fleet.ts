/**
 * The world of a resilience test: the built recflow as a child process on its own disposable
 * PostgreSQL and Redis, the simulator's nodes recording a few lives (their recnode Redis is the
 * machine's, untouched by the outages), and the checks every scenario makes: each live kept its
 * status, its nodes and its recorders, and the periodic loops run again after the outage.
 */
import { randomBytes } from 'node:crypto';
import { api, type LiveDto, type TaskRunDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { expect } from 'vitest';
import { TEST_REDIS_URL } from '../support/env';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { freePort, ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';
import { DisposablePostgres, DisposableRedis } from './disposable-servers';

/** The loops whose runs prove the scheduler works again (their intervals are set short below). */
export const WATCHED_TASKS = [
  'live_recovery',
  'live_allocation',
  'live_cleanup',
  'live_invalid_recovery',
  'finish_event_relay',
] as const;

export interface RecordingFleet {
  sim: Simulator;
  postgres: DisposablePostgres;
  redis: DisposableRedis;
  server: ServerProcess;
  lives: Array<LiveDto & { source: string }>;
  close(): Promise<void>;
}

export async function startRecordingFleet(liveCount = 3): Promise<RecordingFleet> {
  // The recnode side gets a Redis database of its own: recording states other runs left in the
  // shared database 0 must not weigh on these timings.
  const sim = await startSimulator({
    nodes: 6,
    groups: 3,
    timeScale: 20,
    redis: { url: TEST_REDIS_URL, db: 8 },
  });
  const postgres = await DisposablePostgres.create();
  const redis = await DisposableRedis.create();
  const settings = Object.fromEntries(
    Object.entries(sim.recflowEnv()).filter(([k]) => k !== 'RECNODE_NODES'),
  );
  const server = new ServerProcess(
    {
      ...settings,
      DATABASE_URL: postgres.url,
      DATABASE_POOL_SIZE: '5',
      SERVER_REDIS_URL: redis.url,
      SERVER_REDIS_PREFIX: `recflow_res_${randomBytes(3).toString('hex')}`,
      HTTP_TIMEOUT_MS: '2000',
      RECNODE_HEALTH_TIMEOUT_MS: '1000',
      LIVE_STATE_EXPIRE_SEC: '900',
      LIVE_RECOVERY_INTERVAL_MS: '500',
      LIVE_RECOVERY_INIT_WAIT_SEC: '3',
      LIVE_ALLOCATION_INTERVAL_MS: '500',
      LIVE_ALLOCATION_INIT_WAIT_SEC: '1',
      LIVE_CLEANUP_INTERVAL_MS: '1000',
      LIVE_INVALID_RECOVERY_INTERVAL_MS: '500',
      FINISH_RELAY_INTERVAL_MS: '500',
      LIVE_FINISH_TIMEOUT_SEC: '10',
      TASK_SHUTDOWN_TIMEOUT_MS: '5000',
    },
    await freePort(),
  );
  const fleet: RecordingFleet = {
    sim,
    postgres,
    redis,
    server,
    lives: [],
    async close() {
      // A test that failed mid-outage leaves a store down: bring it back so recflow can shut down.
      await redis.start();
      await postgres.start();
      // Bounded, so that a shutdown that hangs cannot leave the stores running after the test.
      await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 20_000))]);
      await server.kill();
      await sim.close();
      await redis.close();
      await postgres.close();
    },
  };
  try {
    await server.start();
    await registerFleet(server.client, sim);
    for (let i = 0; i < liveCount; i++) {
      const source = uniqueId('res');
      sim.world.addChannel({ platform: 'chzzk', sourceId: source, username: `Resilient ${source}` });
      sim.world.startLive('chzzk', source, { title: `keeps recording ${i}` });
      const live = await server.client.ok(api.lives.create, {
        body: { platformName: 'chzzk', sourceId: source },
      });
      fleet.lives.push({ ...live, source });
    }
    for (const live of fleet.lives) await segmentsAbove(server, live.id, 2);
    return fleet;
  } catch (error) {
    await fleet.close();
    throw error;
  }
}

/** Waits until the live has more than `count` recorded segments; returns the count. */
export async function segmentsAbove(server: ServerProcess, id: string, count: number): Promise<number> {
  return waitFor(
    async () => {
      const n = (await server.client.ok(api.lives.get, { params: { id } })).segments?.success ?? 0;
      return n > count ? n : undefined;
    },
    { timeoutMs: 60_000, what: `live ${id} to record more than ${count} segments` },
  );
}

/** Every live is still recording on the nodes it had, each of which still records it. */
export async function expectLivesKept(fleet: RecordingFleet): Promise<void> {
  for (const live of fleet.lives) {
    const now = await fleet.server.client.ok(api.lives.get, { params: { id: live.id } });
    expect(now.status, `live ${live.id}`).toBe('recording');
    expect(now.nodes.map((n) => n.id).sort()).toEqual(live.nodes.map((n) => n.id).sort());
    for (const node of live.nodes) {
      const recorder = fleet.sim.nodes
        .must(node.name)
        .list(false)
        .find((r) => r.id === live.id);
      expect(recorder?.status, `${node.name} records ${live.id}`).toBe('recording');
    }
  }
}

/** Every watched loop has run successfully after `since` (epoch ms). */
export async function expectLoopsResumed(server: ServerProcess, since: number): Promise<void> {
  for (const name of WATCHED_TASKS) {
    await waitFor(
      async () => {
        const runs: TaskRunDto[] = await server.client.ok(api.tasks.runs, {
          params: { name },
          query: { limit: 20 },
        });
        return runs.some((r) => r.ok && Date.parse(r.startedAt) > since);
      },
      { timeoutMs: 30_000, intervalMs: 250, what: `a successful ${name} run after the outage` },
    );
  }
}

/** The loops act again: a broadcast that ends is finished, a dead node's live moves elsewhere. */
export async function expectLoopsAct(fleet: RecordingFleet): Promise<void> {
  const [ending, moving] = fleet.lives;
  fleet.sim.world.endLive('chzzk', ending!.source);
  const dead = moving!.nodes[0]!;
  fleet.sim.nodes.must(dead.name).kill('reset');
  await waitFor(
    async () =>
      (await fleet.server.client.ok(api.lives.get, { params: { id: ending!.id } })).status === 'deleted',
    { timeoutMs: 30_000, what: 'the ended broadcast to be finished' },
  );
  const moved = await waitFor(
    async () => {
      const live = await fleet.server.client.ok(api.lives.get, { params: { id: moving!.id } });
      return live.nodes.length === 2 && !live.nodes.some((n) => n.id === dead.id) ? live : undefined;
    },
    { timeoutMs: 30_000, what: "the dead node's live to move to another node" },
  );
  expect(moved.status).toBe('recording');
  // What the fleet records from now on: the ended live is gone, the moved one has its new nodes.
  fleet.lives = fleet.lives
    .filter((l) => l.id !== ending!.id)
    .map((l) => (l.id === moved.id ? { ...moved, source: l.source } : l));
}

/** Polls /readyz until it answers `status`. */
export async function readyzBecomes(
  server: ServerProcess,
  status: 200 | 503,
  timeoutMs = 30_000,
): Promise<void> {
  await waitFor(async () => (await server.client.raw('GET', '/readyz')).status === status, {
    timeoutMs,
    intervalMs: 200,
    what: `/readyz to answer ${status}`,
  });
}
