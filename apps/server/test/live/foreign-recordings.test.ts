/**
 * A recnode shared with other work lists recordings recflow never asked for, some of platforms
 * recflow does not record: recnode records chzzk, soop and twitch (rwiv/recnode
 * recnode/common/common_types.py `PlatformType`) and lists every recorder it runs
 * (recnode/recorder/manager/recording_scheduler.py `get_status`). Such a node is healthy: recovery
 * must go on reading what it records for recflow, never take it for unreachable.
 */
import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node as nodeTable } from '../../src/db/schema';
import { LiveRecovery } from '../../src/live/live-recovery';
import { UpstreamStats } from '../../src/upstream/upstream-stats';
import { recordLive, registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 4, groups: 2, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 500,
    RECNODE_HEALTH_TIMEOUT_MS: 300,
    LIVE_RECOVERY_INIT_WAIT_SEC: 0,
    NODE_FAILURE_THRESHOLD: 3,
  });
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const recordOne = () => recordLive(app.api, sim, { prefix: 'fgn', title: 'beside twitch' });

describe('a node that also records for other work', () => {
  it('lists a twitch recording beside recflow lives: no failover, no failure counted', async () => {
    const lives = [await recordOne(), await recordOne()];
    for (const n of sim.nodes.all()) {
      n.addForeignRecording({ id: `twitch-${n.name}`, platform: 'twitch', channelId: 'somebody' });
    }
    const stats = app.app.get(UpstreamStats);
    const droppedBefore = stats.snapshot()['recnode:invalid_item'] ?? 0;

    const recovery = app.app.get(LiveRecovery);
    for (let pass = 0; pass < 3; pass++) {
      expect(await recovery.check()).toMatchObject({
        nodes: 4,
        unreachable: 0,
        bindings: 4,
        failed: 0,
        replaced: 0,
        cordoned: 0,
      });
    }
    // Each pass asked every node, and each node's twitch recording was left out.
    expect((stats.snapshot()['recnode:invalid_item'] ?? 0) - droppedBefore).toBe(3 * 4);

    for (const live of lives) {
      const dto = await app.api.ok(api.lives.get, { params: { id: live.id } });
      expect(dto.nodes.map((n) => n.id).sort()).toEqual(live.nodes.map((n) => n.id).sort());
    }
    const nodes = await app.database.db.select().from(nodeTable);
    expect(nodes.map((n) => [n.name, n.failureCnt, n.isCordoned])).toEqual(
      nodes.map((n) => [n.name, 0, false]),
    );
    // The node's own status still shows recflow's recordings, not the foreign one.
    const status = await app.api.ok(api.nodes.status, { params: { nodeName: lives[0]!.nodes[0]!.name } });
    expect(status.recordings.map((r) => r.id)).toContain(lives[0]!.id);
    expect(status.recordings.some((r) => r.id.startsWith('twitch-'))).toBe(false);
  });
});
