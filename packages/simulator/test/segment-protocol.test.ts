import { RecnodeRecordingList, segmentRetryKey, segmentSetKey } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { clearLives, recnodeClient, startRecordableLive, waitFor } from './support';

let sim: Simulator;
const lives: string[] = [];

beforeAll(async () => {
  // A wide window keeps a loaded test machine from letting segments scroll away unseen.
  sim = await startSimulator({ nodes: 3, timeScale: 30, hls: { window: 30 } });
});

afterAll(async () => {
  await clearLives(sim, lives);
  await sim.close();
});

describe('the segment-lock protocol on three nodes', () => {
  it('downloads every segment of ten minutes of stream exactly once and misses none', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const clients = sim.nodes.all().map((n) => recnodeClient(n.endpoint, sim.nodes.token));
    for (const client of clients) expect((await client.start(live.state.id)).status).toBe(200);

    // Ten simulated minutes of 2 s segments.
    await waitFor(() => (sim.ledger.report(live.state.id).range?.last ?? 0) >= 300, {
      timeoutMs: 40_000,
      what: 'ten minutes of stream',
    });
    // Freeze the stream so that the last segments settle before the recorders stop.
    const stream = sim.streams.goStale(live.platform, live.sourceId);
    const last = stream.window(sim.clock.now()).at(-1)!.num;
    await waitFor(
      () => {
        const report = sim.ledger.report(live.state.id);
        return report.range?.last === last && report.downloaded === last - report.range.first + 1;
      },
      { timeoutMs: 5_000, what: 'every segment up to the frozen end downloaded' },
    );

    for (const client of clients)
      expect(await client.cancel(live.state.id)).toEqual({ status: 200, body: 'ok' });
    await waitFor(
      async () => {
        const lists = await Promise.all(clients.map((c) => c.list()));
        return lists.every((l) => RecnodeRecordingList.parse(l.body).recordings.length === 0);
      },
      { what: 'every recorder uploaded and left the list' },
    );

    const report = sim.ledger.report(live.state.id);
    const produced = report.range!.last - report.range!.first + 1;
    expect(produced).toBeGreaterThanOrEqual(300);
    expect(report.missing).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.lost).toEqual([]);
    expect(report.pending).toEqual([]);
    expect(report.downloaded).toBe(produced);
    expect(report.uploaded).toBe(produced);
    // The work was shared, not done by whichever node happened to be first.
    for (const node of sim.nodes.all()) expect(report.byNode[node.name]?.uploaded ?? 0).toBeGreaterThan(10);

    const redis = sim.nodes.redis;
    expect(await redis.zcard(segmentSetKey(live.state.id, 'success'))).toBe(produced);
    expect(await redis.zcard(segmentSetKey(live.state.id, 'retrying'))).toBe(0);
    expect(await redis.zcard(segmentSetKey(live.state.id, 'failed'))).toBe(0);
  });

  it('retries a segment whose download failed and still records it', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const id = live.state.id;
    for (const n of sim.nodes.all()) await recnodeClient(n.endpoint, sim.nodes.token).start(id);
    const stream = sim.streams.of(live.platform, live.sourceId);
    const flaky = (stream.window(sim.clock.now()).at(-1)?.num ?? -1) + 4;
    stream.failSegment(flaky, 2);

    await waitFor(async () => (await redisScore(id, 'success', flaky)) !== null, {
      timeoutMs: 10_000,
      what: 'the flaky segment in success',
    });
    expect(await redisScore(id, 'retrying', flaky)).toBeNull();
    // A success clears the retry counter (rwiv/recnode stream_recorder_seg.py `__on_segment_request_success`).
    expect(await sim.nodes.redis.get(segmentRetryKey(id, flaky))).toBeNull();
    await waitFor(() => (sim.ledger.report(id).range?.last ?? 0) > flaky + 5);
    const report = sim.ledger.report(id);
    expect(report.missing.filter((n) => n <= flaky + 2)).toEqual([]);
    // While retrying, parallel_limit 3 lets several nodes try at once: the only duplicates possible.
    expect(report.duplicates.filter((n) => n !== flaky)).toEqual([]);
    for (const n of sim.nodes.all()) await recnodeClient(n.endpoint, sim.nodes.token).cancel(id);
  });

  it('gives a segment up to failed after 12 retries', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    const id = live.state.id;
    for (const n of sim.nodes.all()) await recnodeClient(n.endpoint, sim.nodes.token).start(id);
    const stream = sim.streams.of(live.platform, live.sourceId);
    const broken = (stream.window(sim.clock.now()).at(-1)?.num ?? -1) + 4;
    stream.failSegment(broken, 1_000);

    await waitFor(async () => (await redisScore(id, 'failed', broken)) !== null, {
      timeoutMs: 20_000,
      what: 'the broken segment in failed',
    });
    expect(await redisScore(id, 'retrying', broken)).toBeNull();
    // The retry that fails with 12 counted moves it and clears the counter
    // (rwiv/recnode stream_recorder_seg.py `__on_segment_request_failure`).
    expect(await sim.nodes.redis.get(segmentRetryKey(id, broken))).toBeNull();
    expect(sim.ledger.report(id).missing).toContain(broken);
    for (const n of sim.nodes.all()) await recnodeClient(n.endpoint, sim.nodes.token).cancel(id);
  });
});

function redisScore(id: string, set: 'success' | 'retrying' | 'failed', num: number) {
  return sim.nodes.redis.zscore(segmentSetKey(id, set), String(num));
}
