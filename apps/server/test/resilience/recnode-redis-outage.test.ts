/**
 * recnode's recording loop has no catch of its own around a poll's Redis calls: one that fails
 * ends the recorder as `failed` (rwiv/recnode recnode/recorder/stream/stream_recorder_seg.py
 * `_record`, whose try wraps every `__interval`). So while the recnode Redis is away every recorder
 * of the fleet stops, on every node at once, through no fault of any node. Recovery fails the
 * bindings over (there is nothing else to do for them), but blames no node: counting them would
 * cordon the whole fleet in one pass.
 */
import { api, type LiveDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node as nodeTable } from '../../src/db/schema';
import { LiveRecovery } from '../../src/live/live-recovery';
import { recordLive, registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { DisposableRedis } from './disposable-servers';

let redis: DisposableRedis;
let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  redis = await DisposableRedis.create();
  sim = await startSimulator({ nodes: 4, groups: 2, timeScale: 20, redis: { url: redis.url } });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 500,
    RECNODE_HEALTH_TIMEOUT_MS: 300,
    LIVE_RECOVERY_INIT_WAIT_SEC: 0,
    NODE_FAILURE_THRESHOLD: 1,
  });
  await registerFleet(app.api, sim);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
  await redis?.close();
});

describe('the recnode Redis away', () => {
  it('stops every recorder; recovery fails the bindings over and blames no node', async () => {
    const lives: LiveDto[] = [];
    for (let i = 0; i < 3; i++) lives.push(await recordLive(app.api, sim, { prefix: 'rdown' }));
    await redis.stop('SIGKILL');
    await waitFor(() => lives.every((l) => sim.nodes.all().every((n) => !n.recorder(l.id))), {
      timeoutMs: 20_000,
      what: 'every recorder to end on its Redis error',
    });
    const recovery = app.app.get(LiveRecovery);
    // The replacements cannot be made while the Redis is away, so the pass itself may fail late;
    // what matters is what it did before.
    await recovery.check().catch(() => undefined);
    const nodes = await app.database.db.select().from(nodeTable);
    expect(nodes.map((n) => [n.name, n.failureCnt, n.isCordoned])).toEqual(
      nodes.map((n) => [n.name, 0, false]),
    );
    for (const live of lives) {
      const events = await app.api.ok(api.audit.ofLive, { params: { id: live.id } });
      expect(events.filter((e) => e.kind === 'live.node_failed')).toHaveLength(2);
    }
  }, 90_000);
});
