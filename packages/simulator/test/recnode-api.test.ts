import { liveStateKey, RecnodeError, RecnodeRecordingList, RecnodeRecordingStats } from '@recflow/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildLiveState,
  type RecnodeNode,
  type Simulator,
  startSimulator,
  writeLiveState,
} from '../src/index';
import { clearLives, type RecnodeClient, recnodeClient, startRecordableLive, waitFor } from './support';

let sim: Simulator;
let node: RecnodeNode;
let client: RecnodeClient;
const lives: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, timeScale: 20 });
  node = sim.nodes.all()[0]!;
  client = recnodeClient(node.endpoint, sim.nodes.token);
});

beforeEach(() => node.revive());

afterAll(async () => {
  await clearLives(sim, lives);
  await sim.close();
});

const recordingsOf = async (c: RecnodeClient, fields = 'stats') =>
  RecnodeRecordingList.parse((await c.list(fields)).body).recordings;

describe('recnode HTTP API', () => {
  it('answers 401 with a detail string without the Bearer token or with a wrong one', async () => {
    for (const token of [null, 'wrong']) {
      const answer = await recnodeClient(node.endpoint, token).list();
      expect(answer.status).toBe(401);
      expect(RecnodeError.parse(answer.body).detail).toEqual(expect.any(String));
    }
  });

  it('reports health as UP', async () => {
    expect(await client.health()).toEqual({ status: 200, body: { status: 'UP' } });
  });

  it('answers 404 "Not found LiveState" when live:{id} is missing', async () => {
    expect(await client.start('00000000-0000-4000-8000-000000000000')).toEqual({
      status: 404,
      body: { detail: 'Not found LiveState' },
    });
  });

  it('starts a recording with "ok" and refuses the same platform, channel and videoName with 422', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    expect(await client.start(live.state.id)).toEqual({ status: 200, body: 'ok' });
    expect(await client.start(live.state.id)).toEqual({
      status: 422,
      body: { detail: 'Already recording live' },
    });

    const twin = buildLiveState({
      ...live.state,
      id: crypto.randomUUID(),
      stream: {
        url: live.state.streamUrl,
        params: live.state.streamParams,
        headers: live.state.streamHeaders,
      },
    });
    await writeLiveState(sim.nodes.redis, twin);
    lives.push(twin.id);
    expect((await client.start(twin.id)).status).toBe(422);
    // Another node records it happily: the conflict is per node.
    expect((await recnodeClient(sim.nodes.all()[1]!.endpoint, sim.nodes.token).start(twin.id)).status).toBe(
      200,
    );
  });

  it('lists recordings with their status, and stats only when asked', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    await client.start(live.state.id);
    const recording = await waitFor(
      async () =>
        (await recordingsOf(client)).find((r) => r.id === live.state.id && r.status === 'recording'),
      { what: 'the recording to start' },
    );
    expect(recording).toMatchObject({
      platform: 'soop',
      channelId: live.sourceId,
      liveId: live.state.liveId,
      videoName: live.state.videoName,
      fsName: live.state.fsName,
      location: 'local',
    });
    await waitFor(async () => {
      const stats = (await recordingsOf(client)).find((r) => r.id === live.state.id)?.stats;
      return stats && RecnodeRecordingStats.parse(stats).processing_total > 0;
    });
    expect((await recordingsOf(client, '')).every((r) => r.stats === undefined)).toBe(true);
  });

  it('ignores the fields it does not know, as recnode reads only its own names', async () => {
    const answer = await client.list('bogus');
    expect(answer.status).toBe(200);
    expect(RecnodeRecordingList.parse(answer.body).recordings.every((r) => r.stats === undefined)).toBe(true);
  });

  it('stops, uploads and drops a recording after DELETE "ok"', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    await client.start(live.state.id);
    await waitFor(() => sim.ledger.report(live.state.id).downloaded >= 3, { what: 'some segments' });
    expect(await client.cancel(live.state.id)).toEqual({ status: 200, body: 'ok' });
    await waitFor(async () => !(await recordingsOf(client)).some((r) => r.id === live.state.id), {
      what: 'the recording to leave the list',
    });
    const report = sim.ledger.report(live.state.id);
    expect(report.pending).toEqual([]);
    expect(report.uploaded).toBe(report.downloaded);
  });

  it('answers DELETE with 404 once live:{id} is gone', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    await client.start(live.state.id);
    await sim.nodes.redis.del(liveStateKey(live.state.id));
    expect(await client.cancel(live.state.id)).toEqual({
      status: 404,
      body: { detail: 'live state not found' },
    });
  });

  it('marks a recording completed when its playlist is gone for good', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    await client.start(live.state.id);
    await waitFor(
      async () => (await recordingsOf(client)).find((r) => r.id === live.state.id)?.status === 'recording',
    );
    sim.world.endLive(live.platform, live.sourceId);
    await waitFor(
      async () => (await recordingsOf(client)).find((r) => r.id === live.state.id)?.status === 'completed',
      { what: 'completed after the playlist went 404' },
    );
  });

  it('answers 500 under an API fault and while cut from Redis', async () => {
    node.condition.api = { mode: 'status', status: 500 };
    expect((await client.health()).status).toBe(500);
    node.condition.api = { mode: 'none' };
    const live = await startRecordableLive(sim, 'chzzk', lives);
    node.condition.redisCut = true;
    expect((await client.start(live.state.id)).status).toBe(500);
    node.condition.redisCut = false;
    expect((await client.start(live.state.id)).status).toBe(200);
  });
});
