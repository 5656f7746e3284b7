import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channel, liveStream } from '../../src/db/schema';
import { StreamWatch } from '../../src/live/stream-watch';
import { addChannel } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
let watch: StreamWatch;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, groups: 2, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 500, STLINK_HTTP_TIMEOUT_MS: 500 });
  watch = app.app.get(StreamWatch);
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const streamsOf = (channelId: string) =>
  app.database.db.select().from(liveStream).where(eq(liveStream.channelId, channelId));

describe('streams resolved ahead of registration', () => {
  it('resolves the stream of a live channel on any platform, and backs off from one stlink cannot open', async () => {
    const live = await addChannel(app.api, sim, { platform: 'chzzk' });
    const standby = await addChannel(app.api, sim, { platform: 'soop' });
    const offline = await addChannel(app.api, sim, { platform: 'soop' });
    sim.world.startLive('chzzk', live.sourceId, { title: 'on air' });
    sim.world.startLive('soop', standby.sourceId, { title: 'standby' });
    sim.stlink.access.set('soop', standby.sourceId, { mode: 'standby' });

    const outcome = await watch.prefetch();
    expect(outcome).toMatchObject({ checked: 3, resolved: 1, backedOff: 1 });
    expect(await streamsOf(live.id)).toHaveLength(1);
    expect(await streamsOf(standby.id)).toHaveLength(0);
    const [backedOff] = await app.database.db.select().from(channel).where(eq(channel.id, standby.id));
    expect(backedOff!.streamCheckedAt!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    const [checked] = await app.database.db.select().from(channel).where(eq(channel.id, offline.id));
    expect(checked!.streamCheckedAt).not.toBeNull();
    // The offline channel comes round again; the backed-off one and the one with a stream do not.
    expect((await watch.prefetch()).checked).toBe(1);
  });

  it('reuses a prefetched stream at registration', async () => {
    const ch = await addChannel(app.api, sim, { platform: 'chzzk' });
    sim.world.startLive('chzzk', ch.sourceId, { title: 'prefetched' });
    await watch.prefetch();
    const [prefetched] = await streamsOf(ch.id);
    const before = sim.requests.stlink;
    const dto = await app.api.ok(api.lives.create, {
      body: { platformName: 'chzzk', sourceId: ch.sourceId, nodeCount: 1 },
    });
    expect(dto.stream?.id).toBe(prefetched!.id);
    expect(sim.requests.stlink).toBe(before);
  });

  it('drops the stream of an ended broadcast unless a live uses it', async () => {
    const unused = await addChannel(app.api, sim, { platform: 'chzzk' });
    sim.world.startLive('chzzk', unused.sourceId, { title: 'will end' });
    await watch.prefetch();
    expect(await streamsOf(unused.id)).toHaveLength(1);
    sim.world.endLive('chzzk', unused.sourceId);
    await watch.audit();
    await watch.audit();
    expect(await streamsOf(unused.id)).toHaveLength(0);
    const used = (await app.api.ok(api.lives.list, { query: { segments: 'false' } }))[0]!;
    expect(used.stream).not.toBeNull();
    expect(await streamsOf(used.channel.id)).toHaveLength(1);
  });
});
