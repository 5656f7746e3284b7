import { RecnodeRecordingList, segmentSetKey } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { clearLives, recnodeClient, startRecordableLive, waitFor } from './support';

let sim: Simulator;
const lives: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ nodes: 3, timeScale: 30, hls: { window: 10 } });
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
});
