import { StlinkStream, stlinkStreamPath } from '@recflow/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTH_HEADER, type Simulator, startSimulator } from '../src/index';

let sim: Simulator;
let sequence = 0;

beforeAll(async () => {
  sim = await startSimulator();
});

beforeEach(() => {
  sim.faults.reset();
  sim.stlink.access.reset();
});

afterAll(() => sim.close());

function liveChannel(platform: 'chzzk' | 'soop' = 'chzzk', adult = false) {
  const sourceId = `st${++sequence}`;
  sim.world.addChannel({ platform, sourceId, username: `Stlink ${sequence}` });
  sim.world.startLive(platform, sourceId, { adult });
  return { platform, sourceId };
}

async function resolve(
  endpoint: string,
  channel: { platform: string; sourceId: string },
  query = 'fields=best,headers',
  init: RequestInit = {},
) {
  const res = await fetch(
    `${endpoint}${stlinkStreamPath(channel.platform, channel.sourceId)}?${query}`,
    init,
  );
  return { status: res.status, text: await res.text() };
}

describe('stlink', () => {
  it('resolves a live channel to the origin’s playlist with the params and headers it demands', async () => {
    const channel = liveChannel();
    const answer = StlinkStream.parse(JSON.parse((await resolve(sim.stlink.endpoint, channel)).text));
    expect(answer.openLive).toBe(true);
    expect(answer.best).toMatchObject({
      type: 'hls',
      mediaPlaylistUrl: expect.stringContaining(`${sim.url}/hls/`),
    });
    expect(answer.best!.params!.token).toHaveLength(1);
    expect(Object.keys(answer.headers!)).toEqual([AUTH_HEADER]);

    const playlist = new URL(answer.best!.mediaPlaylistUrl);
    playlist.searchParams.set('token', answer.best!.params!.token![0]!);
    expect((await fetch(playlist, { headers: answer.headers! })).status).toBe(200);
  });

  it('gives only the fields asked for', async () => {
    const answer = JSON.parse((await resolve(sim.stlink.endpoint, liveChannel(), 'fields=best')).text);
    expect(answer.best).toBeDefined();
    expect(answer.headers).toBeUndefined();
  });

  it('answers openLive false for a channel that is not live, and 404 for one that does not exist', async () => {
    const channel = liveChannel();
    sim.world.endLive(channel.platform, channel.sourceId);
    expect(JSON.parse((await resolve(sim.stlink.endpoint, channel)).text)).toEqual({ openLive: false });
    expect((await resolve(sim.stlink.endpoint, { platform: 'chzzk', sourceId: 'nobody' })).status).toBe(404);
  });

  it('opens an adult live only with withAuth=true', async () => {
    const channel = liveChannel('chzzk', true);
    expect(JSON.parse((await resolve(sim.stlink.endpoint, channel)).text)).toEqual({ openLive: false });
    const withAuth = JSON.parse(
      (await resolve(sim.stlink.endpoint, channel, 'fields=best,headers&withAuth=true')).text,
    );
    expect(withAuth.openLive).toBe(true);
  });

  it('answers openLive false for a soop live in standby', async () => {
    const channel = liveChannel('soop');
    sim.stlink.access.set('soop', channel.sourceId, { mode: 'standby' });
    expect(JSON.parse((await resolve(sim.stlink.endpoint, channel)).text)).toEqual({ openLive: false });
  });

  it('tells the overseas route from the domestic one, by endpoint and by &proxy=', async () => {
    const channel = liveChannel('soop');
    sim.stlink.access.set('soop', channel.sourceId, { mode: 'blocked', routes: ['overseas'] });
    const open = async (endpoint: string, query?: string) =>
      JSON.parse((await resolve(endpoint, channel, query)).text).openLive as boolean;
    expect(await open(sim.stlink.overseas)).toBe(false);
    expect(await open(sim.stlink.domestic)).toBe(true);
    expect(await open(sim.stlink.endpoint, 'fields=best,headers&proxy=overseas')).toBe(false);
    expect(await open(sim.stlink.endpoint, 'fields=best,headers&proxy=domestic')).toBe(true);
  });

  it('fails as told: a status, garbage, a hang, slowness', async () => {
    const channel = liveChannel();
    sim.faults.stlink = { mode: 'status', status: 503 };
    expect((await resolve(sim.stlink.endpoint, channel)).status).toBe(503);
    sim.faults.stlink = { mode: 'garbage' };
    const garbage = await resolve(sim.stlink.endpoint, channel);
    expect(() => StlinkStream.parse(JSON.parse(garbage.text))).toThrow();
    sim.faults.stlink = { mode: 'hang' };
    await expect(
      resolve(sim.stlink.endpoint, channel, undefined, { signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    sim.faults.stlink = { mode: 'slow', delayMs: 120 };
    const started = Date.now();
    expect((await resolve(sim.stlink.endpoint, channel)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    // streamq keeps answering while stlink is down.
    expect(sim.faults.streamq).toEqual({ mode: 'none' });
  });
});
