/**
 * recnode's first loss window, reproduced on purpose: a node claims segments, sits on them (its
 * downloads are slowed) and dies. Without recflow the survivor skips those claims for good; with
 * recovery's claim repair the survivor downloads them through recnode's retry path, once.
 * The claims are real recnode claims: `size: null` (rwiv/recnode recnode/data/segment/seg_state_service.py,
 * `SegmentState.new` without a size) and naive local times of nodes nine hours ahead of recflow
 * (`datetime.now()`), which recflow must not read as UTC.
 */
import { api, RecnodeSegmentState, segmentKey } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRecovery } from '../../src/live/live-recovery';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { forgetRecnodeKeys, recnodeRedis, recordingNodes, recordLives, untilSimTime } from './fleet-watch';

const REDIS_DB = 13;
let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({
    nodes: [
      { name: 'n1', group: 'g1', utcOffsetMinutes: 540 },
      { name: 'n2', group: 'g2', utcOffsetMinutes: 540 },
    ],
    timeScale: 10,
    redis: recnodeRedis(REDIS_DB),
  });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 1_000,
    RECNODE_HEALTH_TIMEOUT_MS: 500,
  });
  await registerFleet(app.api, sim);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  if (sim) await forgetRecnodeKeys(REDIS_DB, sim.ledger.liveIds());
});

describe('segments claimed by a node that died', () => {
  it('are downloaded by the surviving node once recovery has seen the death', async () => {
    // The waits are generous: beside the chaos proof on two cores the simulated nodes' polls fall
    // far behind their clock (alone this takes about 5 s).
    const [live] = await recordLives(app.api, sim, 1, `claims${Date.now().toString(36)}`);
    const id = live!.id;
    const [sitter, survivor] = live!.nodes.map((n) => sim.nodes.must(n.name));
    // The sitter's downloads never finish: every segment it claims from now on is a dead claim.
    sitter!.condition.downloadDelayMs = 3_600_000;
    const claimed = () =>
      Array.from({ length: (sim.ledger.report(id).range?.last ?? 0) + 1 }, (_, n) => n).filter((n) =>
        sim.ledger.explain(id, n).claimedBy.includes(sitter!.name),
      );
    const sitting = await waitFor(
      () => {
        const nums = claimed().filter((n) => sim.ledger.explain(id, n).downloadedBy.length === 0);
        return nums.length >= 3 ? nums : undefined;
      },
      { timeoutMs: 60_000, what: 'the slowed node to claim three segments' },
    );
    const claim = RecnodeSegmentState.parse(
      JSON.parse((await sim.nodes.redis.get(segmentKey(id, sitting[0]!)))!),
    );
    expect(claim.size).toBeNull();
    expect(claim.created_at).not.toMatch(/Z|[+-]\d\d:\d\d$/);
    expect(Math.abs(Date.parse(`${claim.created_at}Z`) - Date.now() - 9 * 3_600_000)).toBeLessThan(3_600_000);
    sitter!.kill('reset');

    const recovery = app.app.get(LiveRecovery);
    expect((await recovery.check()).failed).toBe(1);
    // Replacing the dead node needs another group; there is none, so the survivor records alone.
    expect(recordingNodes(sim).get(id)).toEqual([survivor!.name]);
    // recnode's lock would let the survivor at the segments after 10 s; the repair waits until
    // it has seen the claims unchanged while the stream moved on by twice that.
    await untilSimTime(sim, sim.clock.now() + 5_000);
    let requeued = 0;
    await waitFor(
      async () => {
        requeued += (await recovery.check()).requeued;
        return sitting.every((n) => sim.ledger.explain(id, n).downloadedBy.includes(survivor!.name));
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the survivor to download the dead claims' },
    );
    expect(requeued).toBeGreaterThanOrEqual(sitting.length);
    for (const n of sitting) {
      // Once by the survivor. A download the sitter finished in the instant before it died is
      // there too, but its copy died with it (never uploaded), and the segment was never settled.
      const record = sim.ledger.explain(id, n);
      expect(record.downloadedBy.filter((name) => name === survivor!.name)).toHaveLength(1);
      for (const name of record.downloadedBy.filter((x) => x !== survivor!.name)) {
        expect(name).toBe(sitter!.name);
        expect(record.discardedBy).toContain(sitter!.name);
      }
    }
    const report = sim.ledger.report(id);
    expect(report.missing.filter((n) => n < report.range!.last - 3)).toEqual([]);
    // No segment downloaded twice, but for a copy that died with the sitter.
    expect(
      report.duplicates.filter((n) => !sim.ledger.explain(id, n).discardedBy.includes(sitter!.name)),
    ).toEqual([]);
    const nodes = (await app.api.ok(api.lives.get, { params: { id } })).nodes.map((n) => n.name);
    expect(nodes).toEqual([survivor!.name]);
  }, 180_000);

  it('are downloaded by the other node when the claimer stays up but its downloads hang', async () => {
    // recnode's downloader has no timeout: a hung request holds its claim for good while the node
    // goes on recording (rwiv/recnode recnode/recorder/stream/stream_recorder_seg.py).
    for (const node of sim.nodes.all()) if (node.condition.down) node.revive();
    await app.app.get(LiveRecovery).check();
    const [live] = await recordLives(app.api, sim, 1, `hung${Date.now().toString(36)}`);
    const id = live!.id;
    const [hanging, other] = live!.nodes.map((n) => sim.nodes.must(n.name));
    const before = sim.ledger.report(id).range?.last ?? 0;
    hanging!.condition.downloadsHang = true;
    const stuck = await waitFor(
      () => {
        const last = sim.ledger.report(id).range?.last ?? 0;
        const nums = Array.from({ length: last - before }, (_, k) => before + 1 + k).filter(
          (n) =>
            sim.ledger.explain(id, n).claimedBy.includes(hanging!.name) &&
            sim.ledger.explain(id, n).downloadedBy.length === 0,
        );
        return nums.length >= 2 ? nums : undefined;
      },
      { timeoutMs: 60_000, what: 'the hanging node to claim two segments' },
    );
    hanging!.condition.downloadsHang = false;

    const recovery = app.app.get(LiveRecovery);
    let requeued = 0;
    await waitFor(
      async () => {
        const outcome = await recovery.check();
        expect(outcome.failed).toBe(0);
        requeued += outcome.requeued;
        return stuck.every((n) => sim.ledger.explain(id, n).downloadedBy.includes(other!.name));
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the other node to download the hung claims' },
    );
    expect(requeued).toBeGreaterThanOrEqual(stuck.length);
    for (const n of stuck) expect(sim.ledger.explain(id, n).downloadedBy).toEqual([other!.name]);
    expect(recordingNodes(sim).get(id)?.sort()).toEqual([hanging!.name, other!.name].sort());
  }, 180_000);
});
