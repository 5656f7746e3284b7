import { segmentKey, segmentSetKey } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { clearLives, recnodeClient, startRecordableLive, waitFor } from './support';

let sim: Simulator;
const lives: string[] = [];

beforeAll(async () => {
  // Uploads every 60 s of stream, so that a node always holds downloads it has not uploaded yet.
  sim = await startSimulator({
    nodes: 3,
    timeScale: 30,
    // A wide window keeps a loaded test machine from letting segments scroll away unseen.
    hls: { window: 30 },
    recorder: { tarBytes: 1_000_000 },
  });
});

afterAll(async () => {
  await clearLives(sim, lives);
  await sim.close();
});

describe('a node killed mid-stream', () => {
  it('leaves the others recording, and the ledger shows both of recnode’s loss windows', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    const id = live.state.id;
    const [victim, ...survivors] = sim.nodes.all();
    // Slow downloads keep the victim between claim and download for 10 segments at a time.
    victim!.condition.downloadDelayMs = 20_000;
    for (const node of sim.nodes.all()) {
      expect((await recnodeClient(node.endpoint, sim.nodes.token).start(id)).status).toBe(200);
    }

    await waitFor(
      async () => {
        const mine = sim.ledger.report(id).byNode[victim!.name];
        const inBothWindows =
          mine && mine.downloaded >= 2 && mine.claimed > mine.downloaded && mine.uploaded < mine.downloaded;
        if (!inBothWindows) return false;
        // The second window proper: already counted in Redis as a success, not uploaded yet.
        const success = await sim.nodes.redis.zrange(segmentSetKey(id, 'success'), 0, -1);
        return success.some((num) => {
          const record = sim.ledger.explain(id, Number(num));
          return record.downloadedBy.includes(victim!.name) && !record.uploadedBy.includes(victim!.name);
        });
      },
      { timeoutMs: 20_000, what: 'the victim holding claims and un-uploaded downloads' },
    );
    victim!.kill('reset');
    const killedAt = sim.ledger.report(id).range!.last;
    await expect(recnodeClient(victim!.endpoint, sim.nodes.token).list()).rejects.toThrow();

    await waitFor(() => sim.ledger.report(id).range!.last >= killedAt + 60, {
      timeoutMs: 20_000,
      what: 'two more minutes of stream',
    });
    sim.streams.goStale(live.platform, live.sourceId);
    const lastBefore = sim.ledger.report(id).range!.last;
    await waitFor(() => settled(id, lastBefore), {
      timeoutMs: 5_000,
      what: 'the survivors settling the frozen window',
    });
    for (const node of survivors) {
      expect(await recnodeClient(node.endpoint, sim.nodes.token).cancel(id)).toEqual({
        status: 200,
        body: 'ok',
      });
    }
    await waitFor(() => survivors.every((n) => n.recordingIds().length === 0), {
      what: 'survivors uploaded',
    });

    const report = sim.ledger.report(id);
    expect(report.duplicates).toEqual([]);
    expect(report.pending).toEqual([]);
    // First window: claimed by the victim, never downloaded; the claim keeps everyone else away.
    expect(report.missing.length).toBeGreaterThan(0);
    for (const num of report.missing) {
      expect(sim.ledger.explain(id, num).claimedBy).toEqual([victim!.name]);
      expect(await sim.nodes.redis.exists(segmentKey(id, num))).toBe(1);
      expect(await sim.nodes.redis.zscore(segmentSetKey(id, 'success'), String(num))).toBeNull();
    }
    // Second window: downloaded by the victim, gone with it before upload, though Redis counts them.
    expect(report.lost.length).toBeGreaterThan(0);
    expect(report.byNode[victim!.name]!.discarded).toBe(report.lost.length);
    const lostInSuccess = await Promise.all(
      report.lost.map((num) => sim.nodes.redis.zscore(segmentSetKey(id, 'success'), String(num))),
    );
    expect(lostInSuccess.some((score) => score !== null)).toBe(true);
    // The losses all predate the death; everything after it was recorded once by the survivors.
    expect(Math.max(...report.missing, ...report.lost)).toBeLessThanOrEqual(killedAt);
    for (let num = killedAt + 1; num <= report.range!.last; num++) {
      expect(sim.ledger.explain(id, num).uploadedBy).toHaveLength(1);
    }
  });

  it('answers again after a revive, with no recordings, as a restarted process', async () => {
    const node = sim.nodes.all()[0]!;
    node.kill('hang');
    const client = recnodeClient(node.endpoint, sim.nodes.token);
    await expect(
      fetch(`${node.endpoint}/api/health`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    node.revive();
    expect(await client.health()).toEqual({ status: 200, body: { status: 'UP' } });
    expect(await client.list()).toEqual({ status: 200, body: { recordings: [] } });
  });
});

/** Every segment up to `last` is downloaded or held by a dead claim (nothing left in flight). */
function settled(id: string, last: number): boolean {
  const report = sim.ledger.report(id);
  if (report.range!.last < last) return false;
  return report.missing.every((num) => sim.ledger.explain(id, num).claimedBy.length > 0);
}
