/**
 * A dead node is the emptiest node there is, so without more knowledge the allocator would pick it
 * first for every replacement and wait out a start request each time. Recovery asks every node,
 * bound or not, and the allocator leaves out the ones that did not answer.
 */
import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRecovery } from '../../src/live/live-recovery';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { forgetRecnodeKeys, recnodeRedis, recordingNodes } from './fleet-watch';

const REDIS_DB = 13;
const HTTP_TIMEOUT_MS = 3_000;
const RECNODE_HEALTH_TIMEOUT_MS = 2_000;
let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  // n1 g1, n2 g2, n3 g3, n4 g1, n5 g2, n6 g3
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 10, redis: recnodeRedis(REDIS_DB) });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS,
    RECNODE_HEALTH_TIMEOUT_MS,
    LIVE_RECOVERY_INTERVAL_MS: 200,
  });
  await registerFleet(app.api, sim);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (sim) await forgetRecnodeKeys(REDIS_DB, sim.ledger.liveIds());
});

describe('replacing a failed node', () => {
  it('skips nodes that did not answer recovery, even empty ones', async () => {
    const nodes = new Map((await app.api.ok(api.nodes.list)).map((n) => [n.name, n.id]));
    const record = async (names: string[]) => {
      const sourceId = `unreach${Date.now().toString(36)}${names.join('')}`;
      sim.world.addChannel({ platform: 'chzzk', sourceId, username: 'Unreachable' });
      sim.world.startLive('chzzk', sourceId);
      const dto = await app.api.ok(api.lives.create, {
        body: { platformName: 'chzzk', sourceId, nodeIds: names.map((n) => nodes.get(n)!) },
      });
      await waitFor(() => recordingNodes(sim).get(dto.id)?.length === 2, { what: 'two recorders' });
      return dto;
    };
    const live = await record(['n1', 'n2']);
    // n6 is busier than the empty n3 and n5, which the selector would otherwise prefer.
    await record(['n4', 'n6']);

    // The empty nodes of g2 and g3 hang; the live then loses its g2 node.
    for (const name of ['n3', 'n5']) sim.nodes.must(name).kill('hang');
    sim.nodes.must('n2').kill('reset');
    const started = Date.now();
    const outcome = await app.app.get(LiveRecovery).check();
    const took = Date.now() - started;

    expect(outcome).toMatchObject({ unreachable: 3, failed: 1, replaced: 1 });
    // The hung nodes had no lives to fail over: they were given one recovery interval to answer,
    // not the health timeout, so a dead node does not slow down every pass.
    expect(took).toBeLessThan(RECNODE_HEALTH_TIMEOUT_MS);
    const bound = (await app.api.ok(api.lives.get, { params: { id: live.id } })).nodes.map((n) => n.name);
    expect(bound.sort()).toEqual(['n1', 'n6']);
  });
});
