import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelRefresher } from '../../src/channel/channel-refresher';
import { FOLLOWED_KEY, FollowedChannels } from '../../src/channel/followed-channels';
import { channel } from '../../src/db/schema';
import { ServerRedis } from '../../src/redis/server-redis';
import { addChannel } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
let refresher: ChannelRefresher;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ STREAMQ_URL: sim.url, CHANNEL_REFRESH_BATCH_SIZE: 50, HTTP_TIMEOUT_MS: 500 });
  refresher = app.app.get(ChannelRefresher);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => sim.faults.reset());

describe('background channel refresh', () => {
  it('does nothing, without failing, when there are no channels', async () => {
    expect(await refresher.refreshBatch()).toEqual({ picked: 0, refreshed: 0, missing: 0, failed: 0 });
  });

  it('updates profiles from the platform without touching updated_at', async () => {
    const kept = await addChannel(app.api, sim, { username: 'Before' });
    const gone = await addChannel(app.api, sim, { username: 'Gone' });
    sim.world.updateChannel('chzzk', kept.sourceId, {
      username: 'After',
      followerCnt: 999,
      profileImgUrl: 'http://img/new.png',
    });
    sim.world.removeChannel('chzzk', gone.sourceId);

    const outcome = await refresher.refreshBatch();
    expect(outcome).toMatchObject({ picked: 2, refreshed: 1, missing: 1, failed: 0 });
    const refreshed = await app.api.ok(api.channels.get, { params: { id: kept.id } });
    expect(refreshed).toMatchObject({
      username: 'After',
      followerCnt: 999,
      profileImgUrl: 'http://img/new.png',
      updatedAt: kept.updatedAt,
    });
    expect(refreshed.lastRefreshedAt).not.toBeNull();
    const missing = await app.api.ok(api.channels.get, { params: { id: gone.id } });
    expect(missing).toMatchObject({ username: 'Gone', lastRefreshedAt: expect.any(String) });
  });

  it('contains gateway failures to the channels they affect and moves the round-robin on', async () => {
    const a = await addChannel(app.api, sim);
    sim.faults.streamq = { mode: 'garbage' };
    const before = await app.database.db
      .select({ id: channel.id, at: channel.lastRefreshedAt })
      .from(channel);
    const outcome = await refresher.refreshBatch();
    expect(outcome.failed).toBe(outcome.picked);
    const after = await app.api.ok(api.channels.get, { params: { id: a.id } });
    expect(after.lastRefreshedAt).not.toBeNull();
    expect(before.find((r) => r.id === a.id)?.at).toBeNull();
  });

  it('takes the least recently refreshed channels first, in one batch statement', async () => {
    await addChannel(app.api, sim);
    const statements = app.database.stats.statements;
    const outcome = await refresher.refreshBatch();
    expect(outcome.picked).toBeGreaterThan(0);
    expect(app.database.stats.statements - statements).toBe(2);
  });
});

describe('the cached followed-channel set', () => {
  it('follows creates, updates and deletes', async () => {
    const redis = app.app.get(ServerRedis).client;
    const followed = await addChannel(app.api, sim, { isFollowed: true });
    expect(await redis.sismember(FOLLOWED_KEY, followed.id)).toBe(1);
    await app.api.ok(api.channels.update, { params: { id: followed.id }, body: { isFollowed: false } });
    expect(await redis.sismember(FOLLOWED_KEY, followed.id)).toBe(0);
    await app.api.ok(api.channels.update, { params: { id: followed.id }, body: { isFollowed: true } });
    await app.api.ok(api.channels.remove, { params: { id: followed.id } });
    expect(await redis.sismember(FOLLOWED_KEY, followed.id)).toBe(0);
  });

  it('is reconciled with the database when they disagree, and rebuilt when lost', async () => {
    const service = app.app.get(FollowedChannels);
    const redis = app.app.get(ServerRedis).client;
    const a = await addChannel(app.api, sim, { isFollowed: true });
    const b = await addChannel(app.api, sim, { isFollowed: true });
    await redis.srem(FOLLOWED_KEY, a.id);
    await redis.sadd(FOLLOWED_KEY, '00000000-0000-4000-8000-00000000dead');
    expect(await service.reconcile()).toMatchObject({ added: 1, removed: 1, consistent: false });
    expect((await redis.smembers(FOLLOWED_KEY)).sort()).toEqual([a.id, b.id].sort());
    expect(await service.reconcile()).toMatchObject({ consistent: true });
    await redis.del(FOLLOWED_KEY);
    expect((await service.ids()).sort()).toEqual([a.id, b.id].sort());
  });
});
