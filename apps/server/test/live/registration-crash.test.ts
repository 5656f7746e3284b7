import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { api, liveStateKey } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import Redis from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../support/env';
import { registerFleet } from '../support/fleet';
import { freePort, SERVER_MAIN, ServerProcess } from '../support/server-process';
import { deleteRedisPrefix } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

const KILLS = 50;

let sim: Simulator;
let db: TestDatabase;
let server: ServerProcess;
const prefix = `recflow_test_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 4, groups: 2, timeScale: 20 });
  db = await createTestDatabase();
  server = new ServerProcess(
    {
      ...sim.recflowEnv(),
      DATABASE_URL: db.url,
      SERVER_REDIS_URL: TEST_REDIS_URL,
      SERVER_REDIS_PREFIX: prefix,
      HTTP_TIMEOUT_MS: '1000',
      LIVE_ALLOCATION_INIT_WAIT_SEC: '0',
      LIVE_ALLOCATION_INTERVAL_MS: '200',
      LIVE_REGISTRATION_TIMEOUT_SEC: '2',
    },
    await freePort(),
  );
  await server.start();
  await registerFleet(server.client, sim, 100);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  await db?.drop();
  await deleteRedisPrefix(TEST_REDIS_URL, prefix);
});

async function query<T>(text: string): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.runIf(existsSync(SERVER_MAIN))('a server killed in the middle of registrations', () => {
  it(`leaves no orphaned recording state, binding or recorder after ${KILLS} kills`, async () => {
    for (let i = 0; i < KILLS; i++) {
      const sourceId = `crash${i}`;
      sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Crash ${i}` });
      sim.world.startLive('chzzk', sourceId, { title: `crash ${i}` });
      void server.client
        .call(api.lives.create, { body: { platformName: 'chzzk', sourceId } })
        .catch(() => undefined);
      // Spread the kills over the whole registration (it takes ~50–300 ms here), before, during and after.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 300)));
      await server.kill();
      await server.start();
    }

    // The balancer fails interrupted registrations after LIVE_REGISTRATION_TIMEOUT_SEC.
    await waitFor(
      async () =>
        (await query<{ n: number }>("select count(*)::int as n from live where status = 'initializing'"))[0]!
          .n === 0,
      {
        timeoutMs: 20_000,
        what: 'no live left initializing',
      },
    );

    const lives = await query<{ id: string; status: string }>('select id, status from live');
    const bindings = await query<{ live_id: string; node_id: string; name: string; status: string }>(
      'select ln.live_id, ln.node_id, n.name, l.status from live_node ln join node n on n.id = ln.node_id join live l on l.id = ln.live_id',
    );
    expect(lives.length).toBeGreaterThan(0);
    const recording = new Set(lives.filter((l) => l.status === 'recording').map((l) => l.id));
    // Some registrations completed between kills, some were cut short: both paths are exercised.
    expect(recording.size).toBeGreaterThan(0);
    expect(lives.some((l) => l.status === 'failed')).toBe(true);

    // Bindings only for recording lives.
    expect(bindings.filter((b) => b.status !== 'recording')).toEqual([]);
    // A recording state exactly for the recording lives.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const states = await redis.mget(...lives.map((l) => liveStateKey(l.id)));
      const withState = new Set(lives.filter((_, i) => states[i] !== null).map((l) => l.id));
      expect([...withState].filter((id) => !recording.has(id))).toEqual([]);
      expect([...recording].filter((id) => !withState.has(id))).toEqual([]);
    } finally {
      redis.disconnect();
    }
    // Every recorder on a node is a binding of a recording live, and every binding has a recorder.
    await waitFor(
      () => {
        const recorders = sim.nodes.all().flatMap((n) =>
          n
            .recordingIds()
            .filter((id) => lives.some((l) => l.id === id))
            .map((id) => `${n.name}:${id}`),
        );
        const bound = bindings.map((b) => `${b.name}:${b.live_id}`);
        return recorders.sort().join() === bound.sort().join();
      },
      { timeoutMs: 10_000, what: 'recorders to match bindings' },
    );
    // Node load is counted from bindings, so it can never disagree with them.
    const nodes = await server.client.ok(api.nodes.list);
    for (const node of nodes)
      expect(node.livesCnt).toBe(bindings.filter((b) => b.node_id === node.id).length);
  }, 240_000);
});
