/**
 * What "the simulator plays recnode" means: each fact of recnode's behaviour, read from its source
 * (paths in the public rwiv/recnode repository), stated as a test against a simulated node over
 * HTTP and Redis, with the recnode Redis a real primary and a real replica.
 */
import { randomUUID } from 'node:crypto';
import {
  liveStateKey,
  RecnodeRecordingList,
  RecnodeRecordingStats,
  RecnodeSegmentState,
  segmentKey,
  segmentSetKey,
} from '@recflow/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildLiveState,
  type RecnodeNode,
  type RedisReplica,
  type Simulator,
  startRedisReplica,
  startSimulator,
  writeLiveState,
} from '../src/index';
import { clearLives, type RecnodeClient, recnodeClient, startRecordableLive, waitFor } from './support';
import { startTestOrigin, type TestOrigin } from './support-origin';

const SCALE = 20;
let replica: RedisReplica;
let sim: Simulator;
let origin: TestOrigin;
let seoul: RecnodeNode;
let utc: RecnodeNode;
const lives: string[] = [];

beforeAll(async () => {
  replica = await startRedisReplica();
  sim = await startSimulator({
    timeScale: SCALE,
    nodes: [
      { name: 'seoul', group: 'g1', utcOffsetMinutes: 540 },
      { name: 'utc', group: 'g2', utcOffsetMinutes: 0 },
      { name: 'spare', group: 'g3', utcOffsetMinutes: 540 },
    ],
    redis: { url: 'redis://127.0.0.1:6379', replicaUrl: replica.url },
    hls: { window: 10 },
  });
  [seoul, utc] = sim.nodes.all() as [RecnodeNode, RecnodeNode];
  origin = await startTestOrigin();
}, 60_000);

beforeEach(() => {
  for (const node of sim.nodes.all()) node.revive();
  origin.mode = 'live';
  origin.segments = [0, 1, 2];
  origin.requests.length = 0;
});

afterAll(async () => {
  await clearLives(sim, lives);
  await sim?.close();
  await origin?.close();
  await replica?.stop();
});

const client = (node: RecnodeNode): RecnodeClient => recnodeClient(node.endpoint, sim.nodes.token);

async function listed(node: RecnodeNode, id: string) {
  const answer = await client(node).list();
  return RecnodeRecordingList.parse(answer.body).recordings.find((r) => r.id === id);
}

/** A LiveState pointing at the test's own origin, with params and a header. */
async function originLive(): Promise<string> {
  const state = buildLiveState({
    id: randomUUID(),
    platform: 'chzzk',
    channelId: `origin${Date.now().toString(36)}`,
    liveId: '1',
    stream: { url: origin.playlistUrl, params: { token: ['abc'], sig: ['x/y'] }, headers: { 'X-Auth': 'h' } },
  });
  await writeLiveState(sim.nodes.redis, state);
  lives.push(state.id);
  return state.id;
}

const simMs = (realMs: number) => realMs * SCALE;

describe('recnode as its source has it', () => {
  it('1. claims a segment with size null and writes the size once downloaded (data/segment/seg_state_service.py)', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    seoul.condition.downloadDelayMs = 3_600_000;
    await client(seoul).start(live.state.id);
    const claim = await waitFor(async () => {
      const keys = await sim.nodes.redis.keys(`${liveStateKey(live.state.id)}:segment:*`);
      const key = keys.find((k) => /:segment:\d+$/.test(k));
      return key ? RecnodeSegmentState.parse(JSON.parse((await sim.nodes.redis.get(key))!)) : undefined;
    });
    expect(claim.size).toBeNull();
    await client(utc).start(live.state.id);
    const done = await waitFor(async () => {
      const [num] = await sim.nodes.redis.zrange(segmentSetKey(live.state.id, 'success'), 0, 0);
      if (num === undefined) return undefined;
      return RecnodeSegmentState.parse(
        JSON.parse((await sim.nodes.redis.get(segmentKey(live.state.id, Number(num))))!),
      );
    });
    expect(done.size).toBeGreaterThan(0);
  });

  it("2. stamps states with the node's naive local time (datetime.now())", async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    await client(seoul).start(live.state.id);
    const state = await waitFor(async () => {
      const [num] = await sim.nodes.redis.zrange(segmentSetKey(live.state.id, 'success'), 0, 0);
      if (num === undefined) return undefined;
      return RecnodeSegmentState.parse(
        JSON.parse((await sim.nodes.redis.get(segmentKey(live.state.id, Number(num))))!),
      );
    });
    expect(state.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    const asUtc = Date.parse(`${state.created_at}Z`);
    expect(Math.abs(asUtc - (sim.clock.now() + 9 * 3_600_000))).toBeLessThan(simMs(5_000));
  });

  it('2. a node joining in another time zone finds every recorded segment hours old and marks the live invalid (data/segment/seg_state_validator.py, `.seconds` of a negative delta)', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    await client(seoul).start(live.state.id);
    await waitFor(() => sim.ledger.report(live.state.id).downloaded >= 3);
    await client(utc).start(live.state.id);
    await waitFor(async () =>
      (await sim.nodes.redis.get(liveStateKey(live.state.id)))?.includes('"isInvalid":true'),
    );
    expect(utc.recorder(live.state.id)?.endedBy ?? 'left').toMatch(/critical: .*claimed \d+ s ago|left/);
  });

  it('3. lists recordings of platforms recflow does not record, beside its own (common/common_types.py)', async () => {
    seoul.addForeignRecording({ id: 'tw-1', platform: 'twitch' });
    const answer = await client(seoul).list();
    expect(
      (answer.body as { recordings: Array<{ platform: string }> }).recordings.map((r) => r.platform),
    ).toContain('twitch');
    expect(RecnodeRecordingList.safeParse(answer.body).success).toBe(false);
  });

  it('4. fetches the playlist as written with its headers and no params, and puts the params on every segment URL (recorder/stream/stream_recorder_seg.py)', async () => {
    const id = await originLive();
    await client(seoul).start(id);
    await waitFor(() => origin.requests.filter((r) => r.path.endsWith('.ts')).length >= 3);
    await client(seoul).cancel(id);
    const playlists = origin.requests.filter((r) => r.path.endsWith('.m3u8'));
    const segments = origin.requests.filter((r) => r.path.endsWith('.ts'));
    for (const p of playlists) {
      expect([...p.query.keys()]).toEqual([]);
      expect(p.headers['x-auth']).toBe('h');
    }
    for (const s of segments) {
      expect(s.query.getAll('token')).toEqual(['abc']);
      expect(s.query.getAll('sig')).toEqual(['x/y']);
      expect(s.headers['x-auth']).toBe('h');
      expect(s.path).toMatch(/^\/live\/0\/\d+\.ts$/);
    }
  });

  it('5. polls at least interval_min_time apart plus a random wait (production 4 s + up to 1.2 s)', async () => {
    const id = await originLive();
    await client(seoul).start(id);
    await waitFor(() => origin.requests.filter((r) => r.path.endsWith('.m3u8')).length >= 8, {
      timeoutMs: 20_000,
    });
    await client(seoul).cancel(id);
    const at = origin.requests.filter((r) => r.path.endsWith('.m3u8')).map((r) => r.at);
    const gaps = at.slice(1, 8).map((t, i) => simMs(t - at[i]!));
    // Real timers on a shared machine run late, never early; a little slack for the timer wheel.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(4_000 - simMs(25));
    expect(new Set(gaps.map((g) => Math.round(g / 100))).size).toBeGreaterThan(1);
  });

  it('6. ends the recording after five playlist failures in a row, of any status, as completed, without waiting between them', async () => {
    const id = await originLive();
    origin.mode = { status: 503 };
    await client(seoul).start(id);
    await waitFor(() => seoul.recorder(id)?.endedBy ?? (seoul.recorder(id) ? undefined : 'left'));
    const tries = origin.requests.filter((r) => r.path.endsWith('.m3u8')).map((r) => r.at);
    expect(tries).toHaveLength(5);
    // Back to back: a failed fetch skips the wait between polls, so a short blip is enough.
    for (let i = 1; i < tries.length; i++) expect(simMs(tries[i]! - tries[i - 1]!)).toBeLessThan(4_000);
    expect(seoul.recorder(id)?.status ?? 'completed').toBe('completed');
  });

  it('6. a master playlist or an empty one raises: the recording fails at once', async () => {
    for (const mode of ['master', 'empty'] as const) {
      const id = await originLive();
      origin.mode = mode;
      await client(seoul).start(id);
      const recorder = seoul.recorder(id)!;
      await waitFor(() => recorder.endedBy);
      expect(recorder.status).toBe('failed');
      expect(recorder.endedBy).toMatch(/exception/);
    }
  });

  it("6. #EXT-X-ENDLIST ends it after that poll's segments", async () => {
    const id = await originLive();
    origin.mode = 'ended';
    origin.segments = [7, 8, 9];
    await client(seoul).start(id);
    await waitFor(() => !seoul.recorder(id), { what: 'the recorder to leave the list' });
    expect(sim.ledger.report(id).uploaded).toBe(3);
    expect(origin.requests.filter((r) => r.path.endsWith('.m3u8'))).toHaveLength(1);
  });

  it('7. validates every new segment while recording: a numbering reset stops every node of the live and sets isInvalid (data/segment/seg_state_validator.py `validate_segment`)', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const id = live.state.id;
    sim.streams.configure(live.platform, live.sourceId, { firstNumber: 0 });
    // The stream is well past 150 segments when the nodes start: the reset is a gap of hundreds.
    const stream = sim.streams.of(live.platform, live.sourceId);
    stream.restart(sim.clock.now(), 'continue');
    stream.restart(sim.clock.now(), 'continue');
    for (let i = 0; i < 200; i++) stream.restart(sim.clock.now(), 'continue');
    await client(seoul).start(id);
    await waitFor(() => seoul.recorder(id)?.status === 'recording');
    await client(sim.nodes.must('spare')).start(id);
    await waitFor(() => sim.nodes.must('spare').recorder(id)?.status === 'recording');
    expect(stream.window(sim.clock.now()).at(-1)!.num).toBeGreaterThan(150);
    sim.streams.restart(live.platform, live.sourceId, 'reset');
    await waitFor(() => !seoul.recorder(id) && !sim.nodes.must('spare').recorder(id), {
      what: 'both nodes to stop and leave the list',
    });
    expect(await sim.nodes.redis.get(liveStateKey(id))).toContain('"isInvalid":true');
  });

  it('8. a joining node quits quietly on a LiveState that is missing on the replica, or already invalid', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const id = live.state.id;
    await client(seoul).start(id);
    await waitFor(() => sim.ledger.report(id).downloaded >= 2);
    // Gone from the replica, present on the master again (the replica lags): POST reads the master.
    const text = (await sim.nodes.redis.get(liveStateKey(id)))!;
    await sim.nodes.redis.del(liveStateKey(id));
    await waitFor(async () => (await sim.nodes.replica.exists(liveStateKey(id))) === 0);
    await replica.lag(1_000);
    await sim.nodes.redis.set(liveStateKey(id), text, 'EX', 900);
    const spare = sim.nodes.must('spare');
    expect((await client(spare).start(id)).status).toBe(200);
    await waitFor(() => spare.recorder(id)?.endedBy);
    expect(spare.recorder(id)?.endedBy).toBe('no: LiveState not found');
    expect(spare.recorder(id)?.status).toBe('completed');
    await waitFor(async () => (await sim.nodes.replica.exists(liveStateKey(id))) === 1);
    expect(await sim.nodes.redis.get(liveStateKey(id))).toBe(text);
  });

  it('9. sees a cancel between polls, ends as completed and leaves GET /api/recordings within about a second of closing', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    await client(seoul).start(live.state.id);
    await waitFor(() => sim.ledger.report(live.state.id).downloaded >= 2);
    expect(await client(seoul).cancel(live.state.id)).toEqual({ status: 200, body: 'ok' });
    // The abort flag is read between polls, after the current poll's wait: not yet.
    expect((await listed(seoul, live.state.id))?.status).toBe('recording');
    await waitFor(
      async () =>
        (await listed(seoul, live.state.id))?.status === 'completed' || !seoul.recorder(live.state.id),
    );
    await waitFor(() => sim.nodes.departures.some((d) => d.recordId === live.state.id && d.node === 'seoul'));
    expect(await listed(seoul, live.state.id)).toBeUndefined();
  });

  it('10. releases its lock after every attempt, and a segment being retried takes up to 3 parallel locks', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const id = live.state.id;
    const stream = sim.streams.of(live.platform, live.sourceId);
    const flaky = stream.window(sim.clock.now()).at(-1)!.num + 3;
    stream.failSegment(flaky, 4);
    await client(seoul).start(id);
    const retrying = await waitFor(async () => {
      if ((await sim.nodes.redis.zscore(segmentSetKey(id, 'retrying'), String(flaky))) === null)
        return undefined;
      return RecnodeSegmentState.parse(JSON.parse((await sim.nodes.redis.get(segmentKey(id, flaky)))!));
    });
    expect(retrying).toMatchObject({ is_retrying: true, parallel_limit: 3 });
    await waitFor(
      async () => (await sim.nodes.redis.zscore(segmentSetKey(id, 'success'), String(flaky))) !== null,
    );
    await client(seoul).cancel(id);
    await waitFor(() => !seoul.recorder(id));
    const locks = await sim.nodes.redis.keys(`${liveStateKey(id)}:segment:*:lock:*`);
    expect(locks).toEqual([]);
  });

  it('11. DELETE of a recording it does not have is 200 "ok"; 404 only once live:{id} is gone; a wrong token is 401 "Invalid api token"', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    expect(await client(utc).cancel(live.state.id)).toEqual({ status: 200, body: 'ok' });
    await sim.nodes.redis.del(liveStateKey(live.state.id));
    expect(await client(utc).cancel(live.state.id)).toEqual({
      status: 404,
      body: { detail: 'live state not found' },
    });
    expect(await recnodeClient(utc.endpoint, 'wrong').list()).toEqual({
      status: 401,
      body: { detail: 'Invalid api token' },
    });
  });

  it('12. GET /api/recordings fails transiently with its generic 500, or answers slowly, while the node is fine', async () => {
    utc.condition.listFailureRate = 0.5;
    const answers = await Promise.all(Array.from({ length: 40 }, () => client(utc).list()));
    const failed = answers.filter((a) => a.status === 500);
    expect(failed.length).toBeGreaterThan(5);
    expect(answers.length - failed.length).toBeGreaterThan(5);
    expect(Object.keys(failed[0]!.body as object).sort()).toEqual(['message', 'method', 'stacktrace', 'url']);
    utc.condition.listFailureRate = 0;
    utc.condition.listDelayMs = 300;
    const started = Date.now();
    expect((await client(utc).list()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('13. num is the last playlist number seen; processing_total is downloads in flight now', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    seoul.condition.downloadDelayMs = 3_600_000;
    await client(seoul).start(live.state.id);
    const recording = await waitFor(async () => {
      const r = await listed(seoul, live.state.id);
      return r?.status === 'recording' && (r.stats?.processing_total ?? 0) > 0 ? r : undefined;
    });
    const last = sim.streams.of(live.platform, live.sourceId).window(sim.clock.now()).at(-1)!.num;
    expect(recording.num).toBeGreaterThanOrEqual(last - 2);
    expect(RecnodeRecordingStats.parse(recording.stats).processing_total).toBe(
      seoul.recorder(live.state.id)!.downloading,
    );
  });

  it('14. tars by size, not by time: nothing is uploaded until the files add up', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    const id = live.state.id;
    await client(utc).start(id);
    await waitFor(() => sim.ledger.report(id).uploaded > 0, { what: 'a first tar' });
    const report = sim.ledger.report(id);
    // About 30 kB per tar of 2–4 kB segments: several segments at once, never one by one.
    expect(report.byNode.utc!.uploaded).toBeGreaterThanOrEqual(7);
    expect(report.pending.length).toBeGreaterThan(0);
  });

  it('15. retries a failing tar upload, and drops a tar that fails for good while its segments stay in success', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const id = live.state.id;
    utc.condition.uploads = { failNext: 2, failForGood: false };
    await client(utc).start(id);
    await waitFor(() => sim.ledger.report(id).uploaded > 0, {
      timeoutMs: 20_000,
      what: 'a tar uploaded after two failures',
    });
    utc.condition.uploads = { failNext: 0, failForGood: true };
    const before = sim.ledger.report(id).uploaded;
    await waitFor(() => sim.ledger.report(id).lost.length > 0, { timeoutMs: 30_000, what: 'a tar given up' });
    const lost = sim.ledger.report(id).lost;
    for (const num of lost)
      expect(await sim.nodes.redis.zscore(segmentSetKey(id, 'success'), String(num))).not.toBeNull();
    expect(sim.ledger.report(id).uploaded).toBe(before);
  });

  it('16. a hung download keeps the recorder listed after a cancel, without end (the downloader has no timeout)', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    utc.condition.downloadsHang = true;
    await client(utc).start(live.state.id);
    await waitFor(() => (utc.recorder(live.state.id)?.downloading ?? 0) > 0);
    await client(utc).cancel(live.state.id);
    const until = sim.clock.now() + 60_000;
    await waitFor(() => sim.clock.now() > until, { timeoutMs: 10_000 });
    expect(await listed(utc, live.state.id)).toMatchObject({ status: 'completed' });
  });

  it("17. rewrites isInvalid with a plain SET and the replica's TTL: none when the replica lags behind", async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    await waitFor(async () => (await sim.nodes.replica.exists(liveStateKey(live.state.id))) === 1);
    await seoul.protocol.markInvalid(live.state.id);
    expect(await sim.nodes.redis.pttl(liveStateKey(live.state.id))).toBeGreaterThan(0);

    const fresh = await startRecordableLive(sim, 'chzzk', lives);
    await sim.nodes.redis.del(liveStateKey(fresh.state.id));
    await waitFor(async () => (await sim.nodes.replica.exists(liveStateKey(fresh.state.id))) === 0);
    await replica.lag(1_000);
    await writeLiveState(sim.nodes.redis, fresh.state);
    await seoul.protocol.markInvalid(fresh.state.id);
    expect(await sim.nodes.redis.pttl(liveStateKey(fresh.state.id))).toBe(-1);
    await sim.nodes.redis.expire(liveStateKey(fresh.state.id), 900);
  });
});

describe('the outside world recnode lives in', () => {
  it('the origin serves a segment only for its retention window after it leaves the playlist', async () => {
    sim.world.addChannel({ platform: 'chzzk', sourceId: 'window1', username: 'w' });
    sim.world.startLive('chzzk', 'window1');
    const stream = sim.streams.configure('chzzk', 'window1', { retentionMs: 10_000 });
    const access = sim.streams.access(stream);
    const first = stream.window(sim.clock.now())[0]!;
    const url = new URL(`${first.epoch}/${first.num}.ts`, access.url);
    url.searchParams.set('token', access.params!.token![0]!);
    expect((await fetch(url, { headers: access.headers })).status).toBe(200);
    const until = sim.clock.now() + 30_000;
    await waitFor(() => sim.clock.now() > until);
    expect((await fetch(url, { headers: access.headers })).status).toBe(404);
  });

  it('stream tokens expire: a node that joins with an old LiveState gets 403 for segments', async () => {
    sim.world.addChannel({ platform: 'soop', sourceId: 'token1', username: 't' });
    sim.world.startLive('soop', 'token1');
    const stream = sim.streams.configure('soop', 'token1', { tokenTtlMs: 10_000 });
    const access = sim.streams.access(stream);
    const latest = () => stream.window(sim.clock.now()).at(-1)!;
    const segmentUrl = () => {
      const s = latest();
      const url = new URL(`${s.epoch}/${s.num}.ts`, access.url);
      url.searchParams.set('token', access.params!.token![0]!);
      return url;
    };
    expect((await fetch(segmentUrl(), { headers: access.headers })).status).toBe(200);
    const until = sim.clock.now() + 20_000;
    await waitFor(() => sim.clock.now() > until);
    expect((await fetch(segmentUrl(), { headers: access.headers })).status).toBe(403);
  });

  it('the nodes read from the replica: while it lags they do not see what the master already has', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    await waitFor(async () => (await sim.nodes.replica.exists(liveStateKey(live.state.id))) === 1);
    await replica.lag(1_500);
    await sim.nodes.redis.set(
      liveStateKey(`${live.state.id}`),
      JSON.stringify({ ...live.state, isInvalid: true }),
      'KEEPTTL',
    );
    expect((await seoul.protocol.readLiveState(live.state.id, 'replica'))?.isInvalid).toBe(false);
    expect((await seoul.protocol.readLiveState(live.state.id, 'master'))?.isInvalid).toBe(true);
  });
});
