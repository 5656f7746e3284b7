import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { LIVES_KEY, LiveState, liveStateKey } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppConfig } from '../../src/config/app-config';
import { UpstreamError } from '../../src/shared/errors';
import { RecnodeClient } from '../../src/upstream/recnode/recnode.client';
import { RecnodeRedis } from '../../src/upstream/recnode/recnode-redis';
import { UpstreamStats } from '../../src/upstream/upstream-stats';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let recnode: RecnodeClient;
let redis: RecnodeRedis;
const created: string[] = [];

beforeAll(async () => {
  // 20× time: a 2 s segment every 100 ms.
  sim = await startSimulator({ nodes: 3, groups: 3, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 400 });
  recnode = app.app.get(RecnodeClient);
  redis = app.app.get(RecnodeRedis);
});
afterAll(async () => {
  for (const id of created) await redis.deleteLiveState(id).catch(() => undefined);
  await app?.close();
  await sim?.close();
});

let channelSeq = 0;
/** A simulated live and the LiveState recflow would write for it. */
function newLiveState(): LiveState {
  const sourceId = `rn${++channelSeq}`;
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Recnode ${channelSeq}` });
  const live = sim.world.startLive('chzzk', sourceId, { title: 'recorded' });
  const access = sim.streams.access(sim.streams.of('chzzk', sourceId));
  const id = randomUUID();
  created.push(id);
  const now = new Date().toISOString();
  return {
    id,
    platform: 'chzzk',
    channelId: sourceId,
    channelName: `Recnode ${channelSeq}`,
    liveId: String(live.liveId),
    liveTitle: 'recorded',
    platformCookie: null,
    streamUrl: access.url,
    streamParams: access.params,
    streamHeaders: access.headers,
    videoName: `261126_${String(channelSeq).padStart(6, '0')}`,
    fsName: 'test-fs',
    location: 'local',
    isInvalid: false,
    createdAt: now,
    updatedAt: now,
  };
}

const node = (i: number) => sim.nodes.all()[i]!;

describe('recnode Redis', () => {
  it('writes the LiveState exactly per the contract: every key, NX, TTL and the lives index', async () => {
    const state = newLiveState();
    expect(await redis.createLiveState(state, 600)).toBe(true);
    const raw = JSON.parse((await redis.master.get(liveStateKey(state.id)))!);
    expect(Object.keys(raw).sort()).toEqual(Object.keys(LiveState.shape).sort());
    expect(raw).toEqual(state);
    const ttl = await redis.master.ttl(liveStateKey(state.id));
    expect(ttl).toBeGreaterThan(590);
    expect(await redis.master.zscore(LIVES_KEY, state.id)).toBe(String(Date.parse(state.createdAt)));

    expect(await redis.createLiveState({ ...state, liveTitle: 'overwritten?' }, 600)).toBe(false);
    expect((await redis.liveState(state.id))?.liveTitle).toBe('recorded');
  });

  it('reads states positionally, with null for missing and undefined for unreadable ones', async () => {
    const state = newLiveState();
    await redis.createLiveState(state, 600);
    const broken = randomUUID();
    created.push(broken);
    await redis.master.set(liveStateKey(broken), '{"id": 1}', 'EX', 60);
    const states = await redis.liveStates([state.id, randomUUID(), broken], 'master');
    expect(states.map((s) => (s === undefined ? 'unreadable' : (s?.id ?? null)))).toEqual([
      state.id,
      null,
      'unreadable',
    ]);
    await expect(redis.liveState(broken)).rejects.toMatchObject({
      service: 'recnode-redis',
      kind: 'invalid_response',
    });
  });

  it('deletes a state together with its index entry', async () => {
    const state = newLiveState();
    await redis.createLiveState(state, 600);
    await redis.deleteLiveState(state.id);
    expect(await redis.liveState(state.id)).toBeNull();
    expect((await redis.indexedLives('master')).some((l) => l.id === state.id)).toBe(false);
  });
});

describe('recnode HTTP client', () => {
  it('starts a recording that downloads segments into the shared sets, and lists it with stats', async () => {
    const state = newLiveState();
    await redis.createLiveState(state, 600);
    expect(await recnode.start(node(0).endpoint, state.id)).toBe('started');
    const recording = await waitFor(
      async () =>
        (await recnode.recordings(node(0).endpoint)).find(
          (r) => r.id === state.id && r.status === 'recording',
        ),
      { what: 'the recording' },
    );
    expect(recording).toMatchObject({
      platform: 'chzzk',
      channelId: state.channelId,
      videoName: state.videoName,
      fsName: 'test-fs',
    });
    expect(recording.stats).toBeDefined();
    const success = await waitFor(
      async () => {
        const nums = await redis.segmentNumbers(state.id, 'success', 'master');
        return nums.length >= 3 ? nums : undefined;
      },
      { what: 'downloaded segments' },
    );
    expect(success).toEqual([...success].sort((a, b) => a - b));
  });

  it('tells "already recording", "state missing" and a bad token apart', async () => {
    const state = newLiveState();
    await redis.createLiveState(state, 600);
    expect(await recnode.start(node(1).endpoint, state.id)).toBe('started');
    expect(await recnode.start(node(1).endpoint, state.id)).toBe('already_recording');
    expect(await recnode.start(node(1).endpoint, randomUUID())).toBe('state_missing');
    const wrongToken = new RecnodeClient(
      app.app.get(AppConfig).with({ RECNODE_API_TOKEN: 'wrong' }),
      app.app.get(UpstreamStats),
    );
    await expect(wrongToken.recordings(node(1).endpoint)).rejects.toMatchObject({
      kind: 'status',
      upstreamStatus: 401,
    });
  });

  it('cancels: the recorder uploads, leaves the list, and a second cancel after cleanup is not_found', async () => {
    const state = newLiveState();
    await redis.createLiveState(state, 600);
    await recnode.start(node(2).endpoint, state.id);
    await waitFor(async () =>
      (await recnode.recordings(node(2).endpoint)).some((r) => r.id === state.id && r.status === 'recording'),
    );
    expect(await recnode.cancel(node(2).endpoint, state.id)).toBe('cancelled');
    await waitFor(async () => !(await recnode.recordings(node(2).endpoint)).some((r) => r.id === state.id), {
      what: 'the recording to leave the list',
    });
    await redis.deleteLiveState(state.id);
    expect(await recnode.cancel(node(2).endpoint, state.id)).toBe('not_found');
  });

  it('contains a dead node to the calls made to it, within its timeout', async () => {
    node(0).kill('hang');
    try {
      const started = Date.now();
      const [dead, alive] = await Promise.allSettled([
        recnode.recordings(node(0).endpoint),
        recnode.recordings(node(1).endpoint),
      ]);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(dead.status).toBe('rejected');
      expect((dead as PromiseRejectedResult).reason).toBeInstanceOf(UpstreamError);
      expect((dead as PromiseRejectedResult).reason).toMatchObject({ service: 'recnode', kind: 'timeout' });
      expect(alive.status).toBe('fulfilled');
    } finally {
      node(0).revive();
    }
    node(0).kill('reset');
    await expect(recnode.recordings(node(0).endpoint)).rejects.toMatchObject({ service: 'recnode' });
    node(0).revive();
  });
});

/** A loopback HTTP server answering every `GET /api/recordings` with whatever `body` holds now. */
async function listingNode(): Promise<{
  endpoint: string;
  body: { current: unknown };
  /** List requests answered so far. */
  requests(): number;
  close(): Promise<void>;
}> {
  const body: { current: unknown } = { current: { recordings: [] } };
  let requests = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/api/recordings')) {
      res.writeHead(404).end();
      return;
    }
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body.current));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    body,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A recording as recnode lists it (recnode/recorder/schema/recording_schema.py `RecorderStatusInfo`). */
function listed(id: string, platform: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    platform,
    channelId: `ch-${id}`,
    channelName: `Channel ${id}`,
    liveId: `live-${id}`,
    videoName: `video-${id}`,
    fsName: 'test-fs',
    num: 3,
    location: 'local',
    status: 'recording',
    ...extra,
  };
}

describe('recnode recording ids shared by the finishes waiting on one node', () => {
  it('asks the node once for callers within a moment of each other, and anew after it', async () => {
    const node = await listingNode();
    node.body.current = { recordings: [listed('a', 'chzzk'), listed('t', 'twitch')] };
    const client = new RecnodeClient(app.app.get(AppConfig), new UpstreamStats());
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => client.listedIds(node.endpoint)));
      // An item recflow cannot read still says the node holds it.
      for (const ids of answers) expect(ids).toEqual(['a', 't']);
      expect(node.requests()).toBe(1);
      node.body.current = { recordings: [] };
      await new Promise((r) => setTimeout(r, 450));
      expect(await client.listedIds(node.endpoint)).toEqual([]);
      expect(node.requests()).toBe(2);
    } finally {
      await node.close();
    }
  });
});

describe('recnode recording list, item by item', () => {
  // recnode records chzzk, soop and twitch (recnode/common/common_types.py `PlatformType`), and a
  // node shared with other work lists every recorder it runs (recnode/recorder/manager/
  // recording_scheduler.py `get_status`): recflow must read its own and leave the rest.
  it('keeps the recordings it can read, and counts and logs once the twitch one and the broken one', async () => {
    const node = await listingNode();
    const stats = new UpstreamStats();
    const client = new RecnodeClient(app.app.get(AppConfig), stats);
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { channelName: _, ...missingFields } = listed('broken', 'chzzk');
      node.body.current = {
        recordings: [
          listed('a', 'chzzk'),
          listed('foreign', 'twitch'),
          listed('b', 'soop', { status: 'completed', unknownField: 1 }),
          missingFields,
          listed('c', 'chzzk', { num: -1 }),
        ],
      };
      for (let poll = 0; poll < 3; poll++) {
        const recordings = await client.recordings(node.endpoint);
        expect(recordings.map((r) => [r.id, r.platform, r.status])).toEqual([
          ['a', 'chzzk', 'recording'],
          ['b', 'soop', 'completed'],
        ]);
        expect(recordings[1]).not.toHaveProperty('unknownField');
      }
      expect(stats.snapshot()).toMatchObject({ 'recnode:ok': 3, 'recnode:invalid_item': 9 });
      expect(stats.snapshot()['recnode:invalid_response']).toBeUndefined();
      const logged = warn.mock.calls.map(([message]) => String(message));
      expect(logged).toHaveLength(3);
      expect(logged[0]).toMatch(/foreign.*"platform" \("twitch"\)/);
      expect(logged[1]).toMatch(/broken.*"channelName" \(missing\)/);
      expect(logged[2]).toMatch(/\(c\).*"num" \(-1\)/);

      // Another node with the same kind of recording is logged again, once.
      const other = await listingNode();
      try {
        other.body.current = { recordings: [listed('foreign-2', 'twitch')] };
        expect(await client.recordings(other.endpoint)).toEqual([]);
        expect(await client.recordings(other.endpoint)).toEqual([]);
        expect(warn).toHaveBeenCalledTimes(4);
      } finally {
        await other.close();
      }
    } finally {
      warn.mockRestore();
      await node.close();
    }
  });

  it('still refuses an answer whose envelope is broken', async () => {
    const node = await listingNode();
    const stats = new UpstreamStats();
    const client = new RecnodeClient(app.app.get(AppConfig), stats);
    try {
      for (const body of [{ recordings: 'none' }, { items: [] }, [listed('a', 'chzzk')]]) {
        node.body.current = body;
        await expect(client.recordings(node.endpoint)).rejects.toMatchObject({
          service: 'recnode',
          kind: 'invalid_response',
        });
      }
      expect(stats.snapshot()['recnode:invalid_response']).toBe(3);
    } finally {
      await node.close();
    }
  });
});
