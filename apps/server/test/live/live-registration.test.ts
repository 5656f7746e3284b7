import { api, LiveState, liveStateKey, REDACTED } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { live, liveNode } from '../../src/db/schema';
import { RecnodeRedis } from '../../src/upstream/recnode/recnode-redis';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let redis: RecnodeRedis;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 4, groups: 2, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 500, STLINK_HTTP_TIMEOUT_MS: 500 });
  redis = app.app.get(RecnodeRedis);
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.faults.reset();
  for (const n of sim.nodes.all()) n.revive();
});

function liveChannel(spec: { platform?: 'chzzk' | 'soop'; adult?: boolean; title?: string } = {}) {
  const platform = spec.platform ?? 'chzzk';
  const sourceId = uniqueId(platform);
  sim.world.addChannel({ platform, sourceId, username: `Streamer ${sourceId}`, followerCnt: 5 });
  sim.world.startLive(platform, sourceId, {
    title: spec.title ?? 'Live now',
    viewers: 321,
    adult: spec.adult,
  });
  return { platform, sourceId };
}

async function livesOfChannel(sourceId: string) {
  return (await app.api.ok(api.lives.list, { query: { status: 'all', segments: 'false' } })).filter(
    (l) => l.channel.sourceId === sourceId,
  );
}

describe('registering a live by hand', () => {
  it('records it on two nodes in two groups, with the recording state exactly per the contract', async () => {
    const { platform, sourceId } = liveChannel();
    const created = await app.api.call(api.lives.create, { body: { platformName: platform, sourceId } });
    expect(created.status).toBe(201);
    const dto = created.body;
    expect(dto).toMatchObject({
      status: 'recording',
      liveTitle: 'Live now',
      viewCnt: 321,
      fsName: 'local',
      channel: { sourceId, grade: { name: 'none' } },
    });
    expect(dto.videoName).toMatch(/^\d{6}_\d{6}$/);
    expect(dto.nodes).toHaveLength(2);
    expect(new Set(dto.nodes.map((n) => n.groupId)).size).toBe(2);

    const state = LiveState.parse(JSON.parse((await redis.master.get(liveStateKey(dto.id)))!));
    expect(state).toMatchObject({
      id: dto.id,
      platform,
      channelId: sourceId,
      liveId: dto.sourceId,
      videoName: dto.videoName,
      location: 'local',
      isInvalid: false,
      platformCookie: null,
    });
    expect(state.streamParams).toEqual({ token: [expect.any(String)] });

    for (const node of dto.nodes) {
      await waitFor(
        async () =>
          (await app.api.ok(api.nodes.status, { params: { nodeName: node.name } })).recordings.some(
            (r) => r.id === dto.id,
          ),
        {
          what: `node ${node.name} recording`,
        },
      );
    }
    const detail = await waitFor(
      async () => {
        const d = await app.api.ok(api.lives.get, { params: { id: dto.id } });
        return (d.segments?.success ?? 0) >= 3 ? d : undefined;
      },
      { what: 'segments' },
    );
    expect(detail.recordings.map((r) => r.reachable)).toEqual([true, true]);
    expect(detail.recordings.every((r) => r.recording?.status === 'recording')).toBe(true);
  });

  it('shows stream headers and params by name only', async () => {
    const { platform, sourceId } = liveChannel();
    const dto = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1 },
    });
    expect(Object.values(dto.stream!.headers)).toEqual([REDACTED]);
    expect(dto.stream!.params).toEqual({ token: [REDACTED] });
    const listed = await app.api.ok(api.lives.list, { query: { ids: dto.id } });
    expect(JSON.stringify(listed)).not.toContain(sim.streams.of(platform, sourceId).token);
  });

  it('refuses a second active live for the channel with 409 naming the first', async () => {
    const { platform, sourceId } = liveChannel();
    const first = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1 },
    });
    const again = await app.api.call(api.lives.create, { body: { platformName: platform, sourceId } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'live.already_active',
      detail: expect.stringContaining(first.id),
    });
  });

  it('answers 404 for a channel that is not live or unknown, and 422 for an inaccessible live, writing no live', async () => {
    const offline = uniqueId('off');
    sim.world.addChannel({ platform: 'chzzk', sourceId: offline, username: 'Offline' });
    const notLive = await app.api.call(api.lives.create, {
      body: { platformName: 'chzzk', sourceId: offline },
    });
    expect(notLive.status).toBe(404);
    expect(notLive.body).toMatchObject({ code: 'live.channel_not_live' });
    expect(
      (await app.api.call(api.lives.create, { body: { platformName: 'soop', sourceId: 'nobody' } })).status,
    ).toBe(404);

    const standby = liveChannel({ platform: 'soop' });
    sim.stlink.access.set('soop', standby.sourceId, { mode: 'standby' });
    const inaccessible = await app.api.call(api.lives.create, {
      body: { platformName: 'soop', sourceId: standby.sourceId },
    });
    expect(inaccessible.status).toBe(422);
    expect(inaccessible.body).toMatchObject({ code: 'live.inaccessible' });
    expect(await livesOfChannel(standby.sourceId)).toEqual([]);
  });

  it('asks stlink with credentials for an adult live', async () => {
    const adult = liveChannel({ adult: true });
    const dto = await app.api.ok(api.lives.create, {
      body: { platformName: 'chzzk', sourceId: adult.sourceId, nodeCount: 1 },
    });
    expect(dto).toMatchObject({ status: 'recording', isAdult: true });
  });

  it('answers 422 when the playlist cannot be fetched, and 502 when stlink is down', async () => {
    const dropped = liveChannel();
    sim.streams.of('chzzk', dropped.sourceId);
    sim.streams.drop('chzzk', dropped.sourceId, 404);
    const answer = await app.api.call(api.lives.create, {
      body: { platformName: 'chzzk', sourceId: dropped.sourceId },
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'live.stream_unavailable' });

    const other = liveChannel();
    sim.faults.stlink = { mode: 'status', status: 500 };
    const down = await app.api.call(api.lives.create, {
      body: { platformName: 'chzzk', sourceId: other.sourceId },
    });
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 'upstream.stlink.status' });
  });

  it('marks the live failed with the reason, and leaves no state or binding, when no node starts it', async () => {
    for (const n of sim.nodes.all()) n.kill('reset');
    const { platform, sourceId } = liveChannel();
    const dto = await app.api.ok(api.lives.create, { body: { platformName: platform, sourceId } });
    expect(dto.status).toBe('failed');
    expect(dto.failureReason).toContain('nodes that failed');
    expect(dto.nodes).toEqual([]);
    expect(await redis.liveState(dto.id)).toBeNull();
    const bindings = await app.database.db.select().from(liveNode).where(eq(liveNode.liveId, dto.id));
    expect(bindings).toEqual([]);
    for (const n of sim.nodes.all()) n.revive();
    const retried = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1 },
    });
    expect(retried.status).toBe('recording');
  });

  it('uses another node when one refuses, and keeps the nodes to the ones asked for', async () => {
    const nodes = await app.api.ok(api.nodes.list);
    const [a, b] = [nodes[0]!, nodes.find((n) => n.groupId !== nodes[0]!.groupId)!];
    sim.nodes.must(a.name).kill('reset');
    const { platform, sourceId } = liveChannel();
    const dto = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1, nodeIds: [a.id, b.id] },
    });
    expect(dto.status).toBe('recording');
    expect(dto.nodes.map((n) => n.name)).toEqual([b.name]);
  });

  it('resolves a fresh stream for a broadcast that restarted under a new live id', async () => {
    const { platform, sourceId } = liveChannel();
    const first = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1 },
    });
    // The first recording ended (finishing lives is its own use case; here the row is simply closed).
    await app.database.db.update(live).set({ status: 'deleted' }).where(eq(live.id, first.id));
    sim.world.restartLive(platform, sourceId);
    const second = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1 },
    });
    expect(second.sourceId).not.toBe(first.sourceId);
    expect(second.stream!.id).not.toBe(first.stream!.id);
    expect(second.stream!.url).not.toBe(first.stream!.url);
    const state = await redis.liveState(second.id);
    expect(state?.streamUrl).toBe(second.stream!.url);
    expect(state?.liveId).toBe(second.sourceId);
  });

  it('validates the request', async () => {
    const bad = await app.api.raw('POST', '/api/lives', {
      platformName: 'x',
      sourceId: '',
      nodeCount: 0,
      domesticOnly: true,
      overseasFirst: true,
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.platformName', 'body.sourceId', 'body.nodeCount']));
  });

  it('lists lives by status, platform, node and group', async () => {
    const { platform, sourceId } = liveChannel({ platform: 'soop' });
    const dto = await app.api.ok(api.lives.create, {
      body: { platformName: platform, sourceId, nodeCount: 1 },
    });
    const node = dto.nodes[0]!;
    const byNode = await app.api.ok(api.lives.list, { query: { nodeId: node.id } });
    expect(byNode.map((l) => l.id)).toContain(dto.id);
    const byGroup = await app.api.ok(api.lives.list, { query: { groupId: node.groupId, platform: 'soop' } });
    expect(byGroup.map((l) => l.id)).toContain(dto.id);
    const failed = await app.api.ok(api.lives.list, { query: { status: 'failed' } });
    expect(failed.every((l) => l.status === 'failed')).toBe(true);
    const rows = await app.database.db.select({ id: live.id }).from(live);
    expect((await app.api.ok(api.lives.all)).length).toBe(rows.length);
  });
});
