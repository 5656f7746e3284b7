/**
 * recnode reads segment sets, segment states and a joining node's LiveState from the replica of
 * its Redis (rwiv/recnode recnode/data/live/live_state_service.py `get_live(use_master=False)`,
 * recnode/recorder/stream/stream_recorder_seg.py), and so does recflow for its bulk reads: a
 * replica behind the master is normal. A registration while the replica lags must still put the
 * live on its nodes, download each segment once, and leave nothing looking missing or invalid.
 */
import { api } from '@recflow/contracts';
import { type RedisReplica, type Simulator, startRedisReplica, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveInvalidRecovery } from '../../src/live/live-invalid-recovery';
import { LiveRecovery } from '../../src/live/live-recovery';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let replica: RedisReplica;
let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  replica = await startRedisReplica();
  sim = await startSimulator({
    nodes: 4,
    groups: 2,
    timeScale: 10,
    redis: { url: 'redis://127.0.0.1:6379', replicaUrl: replica.url },
  });
  app = await startTestApp({ ...simulatorSettings(sim), LIVE_RECOVERY_INIT_WAIT_SEC: 0 });
  await registerFleet(app.api, sim);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
  await replica?.stop();
});

describe('a replica behind the master', () => {
  it('records lives registered while it lags on two nodes, each segment once, nothing missing or invalid', async () => {
    expect(simulatorSettings(sim).RECNODE_REDIS_REPLICA_PORT).toBe(replica.port);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sourceId = uniqueId('lag');
      sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Lag ${sourceId}` });
      sim.world.startLive('chzzk', sourceId);
      // The LiveState and the first segment sets reach the replica a second late.
      await replica.lag(1_000);
      const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId } });
      expect(dto.nodes).toHaveLength(2);
      ids.push(dto.id);
    }
    for (const id of ids) {
      await waitFor(
        () => sim.nodes.all().filter((n) => n.recorder(id)?.status === 'recording').length === 2,
        { what: `live ${id} recording on both nodes` },
      );
    }
    await replica.lag(800);
    expect(await app.app.get(LiveRecovery).check()).toMatchObject({ unreachable: 0, failed: 0 });
    expect(await app.app.get(LiveInvalidRecovery).recover()).toMatchObject({ invalid: 0, restarted: 0 });
    const until = sim.clock.now() + 30_000;
    await waitFor(() => sim.clock.now() > until);
    for (const id of ids) {
      const report = sim.ledger.report(id);
      expect(report.duplicates).toEqual([]);
      expect(report.missing.filter((n) => n < report.range!.last - 3)).toEqual([]);
      expect(sim.nodes.all().filter((n) => n.recorder(id)?.status === 'recording')).toHaveLength(2);
    }
  }, 120_000);
});
