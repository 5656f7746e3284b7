import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/config/app-config';
import { UpstreamError } from '../../src/shared/errors';
import { StreamqClient } from '../../src/upstream/streamq/streamq.client';
import { UpstreamStats } from '../../src/upstream/upstream-stats';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
let streamq: StreamqClient;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 300 });
  streamq = app.app.get(StreamqClient);
  sim.world.addChannel({ platform: 'chzzk', sourceId: 'czlive', username: 'Chzzk Live', followerCnt: 10 });
  sim.world.startLive('chzzk', 'czlive', {
    title: 'Minecraft night',
    viewers: 800,
    tags: ['minecraft', 'game'],
    category: 42,
  });
  sim.world.addChannel({ platform: 'soop', sourceId: 'soopy', username: 'Soopy' });
  sim.world.startLive('soop', 'soopy', {
    title: 'cooking show',
    viewers: 120,
    tags: ['cook'],
    category: 7,
    adult: true,
  });
  sim.world.addChannel({ platform: 'soop', sourceId: 'offline', username: 'Offline' });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => sim.faults.reset());

describe('streamq client', () => {
  it('leaves out one live of a search it cannot read, and keeps the others', async () => {
    const good = (n: number) => ({
      userId: `good${n}`,
      userNick: `Good ${n}`,
      broadStart: '2026-12-04 10:00:00',
      broadNo: String(9000 + n),
      broadTitle: `good ${n}`,
      broadCateNo: null,
      viewCnt: 10 + n,
      hashTags: null,
      adult: false,
      locked: false,
    });
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([good(1), { broadNo: 7, surprise: true }, good(2)]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const stats = app.app.get(UpstreamStats);
      const config = app.app.get(AppConfig).with({ STREAMQ_URL: `http://127.0.0.1:${port}` });
      const before = stats.snapshot()['streamq:invalid_item'] ?? 0;
      const found = await new StreamqClient(config, stats).searchLives({
        platform: 'soop',
        by: 'keyword',
        value: 'good',
      });
      expect(found.map((l) => l.channelUid)).toEqual(['good1', 'good2']);
      expect((stats.snapshot()['streamq:invalid_item'] ?? 0) - before).toBe(1);
    } finally {
      server.close();
    }
  });

  it('normalizes a chzzk channel with its live', async () => {
    const info = await streamq.fetchChannel('chzzk', 'czlive', true);
    expect(info).toMatchObject({
      platform: 'chzzk',
      sourceId: 'czlive',
      username: 'Chzzk Live',
      openLive: true,
      liveInfo: {
        type: 'chzzk',
        channelUid: 'czlive',
        liveTitle: 'Minecraft night',
        viewCnt: 800,
        tags: ['minecraft', 'game'],
        category: '42',
      },
    });
    expect(info?.liveInfo?.liveUid).toMatch(/^\d+$/);
  });

  it('normalizes a soop channel, and gives no live info unless asked', async () => {
    const info = await streamq.fetchChannel('soop', 'soopy');
    expect(info).toMatchObject({ platform: 'soop', username: 'Soopy', openLive: true, liveInfo: null });
    const offline = await streamq.fetchChannel('soop', 'offline', true);
    expect(offline).toMatchObject({ openLive: false, liveInfo: null });
  });

  it('answers null for a channel the platform does not know', async () => {
    expect(await streamq.fetchChannel('chzzk', 'nobody')).toBeNull();
  });

  it('runs every live search criteria use', async () => {
    const found = async (search: Parameters<StreamqClient['searchLives']>[0]) =>
      (await streamq.searchLives(search)).map((l) => l.channelUid);
    expect(await found({ platform: 'chzzk', by: 'tag', value: 'minecraft' })).toEqual(['czlive']);
    expect(await found({ platform: 'chzzk', by: 'keyword', value: 'Minecraft' })).toEqual(['czlive']);
    expect(await found({ platform: 'chzzk', by: 'watchparty', value: 42 })).toEqual(['czlive']);
    expect(await found({ platform: 'chzzk', by: 'tag', value: 'absent' })).toEqual([]);
    expect(await found({ platform: 'soop', by: 'category', value: '7', withCred: true })).toEqual(['soopy']);
    const [soop] = await streamq.searchLives({ platform: 'soop', by: 'keyword', value: 'cooking' });
    expect(soop).toMatchObject({ type: 'soop', isAdult: true, category: '7', viewCnt: 120 });
  });

  it('takes every form the simulated gateway varies its answers over, and normalizes each alike', async () => {
    // The simulator sends each optional field given, null or absent and each count as a number or
    // a decimal string, chosen per channel and live id; across a dozen channels per platform
    // recflow meets every form and must still see exactly what the world holds.
    for (const platform of ['chzzk', 'soop'] as const) {
      for (let i = 0; i < 12; i++) {
        const sourceId = `${platform}-form-${i}`;
        sim.world.addChannel({
          platform,
          sourceId,
          username: `Form ${i}`,
          profileImgUrl: i % 2 === 0 ? `https://img.example/${sourceId}.png` : null,
          followerCnt: 1000 + i,
        });
        const live = sim.world.startLive(platform, sourceId, {
          title: `form check ${i}`,
          viewers: 50 + i,
          tags: i % 3 === 0 ? [] : ['form'],
          category: i % 2 === 0 ? null : 300 + i,
        });
        const expectedLive = {
          type: platform,
          channelUid: sourceId,
          channelName: `Form ${i}`,
          liveUid: String(live.liveId),
          liveTitle: `form check ${i}`,
          viewCnt: 50 + i,
          isAdult: false,
          tags: i % 3 === 0 ? [] : ['form'],
          category: i % 2 === 0 ? null : String(300 + i),
        };
        const expectedChannel = {
          platform,
          sourceId,
          username: `Form ${i}`,
          profileImgUrl: i % 2 === 0 ? `https://img.example/${sourceId}.png` : null,
          followerCnt: 1000 + i,
          openLive: true,
        };
        expect(await streamq.fetchChannel(platform, sourceId)).toEqual({
          ...expectedChannel,
          liveInfo: null,
        });
        expect(await streamq.fetchChannel(platform, sourceId, true)).toEqual({
          ...expectedChannel,
          // Both platforms answer `YYYY-MM-DD HH:mm:ss`, which recflow keeps as given.
          liveInfo: { ...expectedLive, openDate: live.openDate.toISOString().replace('T', ' ').slice(0, 19) },
        });
      }
      const found = await streamq.searchLives({ platform, by: 'keyword', value: 'form check' });
      expect(found.map((l) => l.channelUid).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `${platform}-form-${i}`).sort(),
      );
      expect(found.every((l) => l.liveUid.match(/^\d+$/) && Number.isInteger(l.viewCnt))).toBe(true);
    }
  });

  it.each([
    [{ mode: 'status', status: 503 } as const, 'status'],
    [{ mode: 'garbage' } as const, 'invalid_response'],
    [{ mode: 'wrong_shape' } as const, 'invalid_response'],
    [{ mode: 'hang' } as const, 'timeout'],
  ])('contains a failing gateway (%o) to the call, with a typed and counted error', async (fault, kind) => {
    const stats = app.app.get(UpstreamStats);
    const before = stats.snapshot()[`streamq:${kind}`] ?? 0;
    sim.faults.streamq = fault;
    const error = await streamq.fetchChannel('chzzk', 'czlive').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ service: 'streamq', kind });
    expect(stats.snapshot()[`streamq:${kind}`]).toBe(before + 1);
    sim.faults.reset();
    expect(await streamq.fetchChannel('chzzk', 'czlive')).not.toBeNull();
  });
});
