import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/config/app-config';
import { UpstreamError } from '../../src/shared/errors';
import { M3u8Checker } from '../../src/upstream/stlink/m3u8-checker';
import { StlinkClient } from '../../src/upstream/stlink/stlink.client';
import { UpstreamStats } from '../../src/upstream/upstream-stats';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
let stlink: StlinkClient;
let m3u8: M3u8Checker;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ ...simulatorSettings(sim), STLINK_HTTP_TIMEOUT_MS: 300, HTTP_TIMEOUT_MS: 500 });
  stlink = app.app.get(StlinkClient);
  m3u8 = app.app.get(M3u8Checker);
  for (const [platform, id] of [
    ['chzzk', 'cz'],
    ['soop', 'sp'],
    ['soop', 'adult'],
  ] as const) {
    sim.world.addChannel({ platform, sourceId: id, username: id });
    sim.world.startLive(platform, id, { adult: id === 'adult' });
  }
  sim.world.addChannel({ platform: 'chzzk', sourceId: 'off', username: 'off' });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.faults.reset();
  sim.stlink.access.reset();
});

function requireOpen(resolution: Awaited<ReturnType<StlinkClient['resolve']>>) {
  if (!resolution.openLive) throw new Error('expected an open live');
  return resolution.stream;
}

describe('stlink client', () => {
  it('resolves a live to its playlist with the params and headers needed to fetch it', async () => {
    const stream = requireOpen(await stlink.resolve('chzzk', 'cz', { withAuth: false }));
    expect(stream.url).toMatch(/\/hls\/.+\.m3u8$/);
    expect(stream.params).toEqual({ token: [expect.any(String)] });
    expect(Object.keys(stream.headers)).toEqual(['X-Sim-Auth']);
  });

  it('says "not open" for an offline channel and for an adult live without credentials', async () => {
    expect(await stlink.resolve('chzzk', 'off', { withAuth: false })).toEqual({ openLive: false });
    expect(await stlink.resolve('soop', 'adult', { withAuth: false })).toEqual({ openLive: false });
    expect((await stlink.resolve('soop', 'adult', { withAuth: true })).openLive).toBe(true);
  });

  it('tries soop overseas first and falls back to the domestic route', async () => {
    sim.stlink.access.set('soop', 'sp', { mode: 'blocked', routes: ['overseas'] });
    const before = sim.requests.stlink;
    expect((await stlink.resolve('soop', 'sp', { withAuth: false })).openLive).toBe(true);
    expect(sim.requests.stlink - before).toBe(2);
    sim.stlink.access.set('soop', 'sp', { mode: 'standby' });
    expect(await stlink.resolve('soop', 'sp', { withAuth: false })).toEqual({ openLive: false });
  });

  it('sends chzzk through the domestic route only', async () => {
    sim.stlink.access.set('chzzk', 'cz', { mode: 'blocked', routes: ['domestic'] });
    expect(await stlink.resolve('chzzk', 'cz', { withAuth: false })).toEqual({ openLive: false });
  });

  it('uses the single endpoint with &proxy= when STLINK_USE_PROXY is set', async () => {
    const proxied = new StlinkClient(
      app.app.get(AppConfig).with({ STLINK_USE_PROXY: true }),
      app.app.get(UpstreamStats),
    );
    sim.stlink.access.set('soop', 'sp', { mode: 'blocked', routes: ['overseas'] });
    expect((await proxied.resolve('soop', 'sp', { withAuth: false })).openLive).toBe(true);
  });

  it('retries a failing stlink with back-off, then gives a typed error', async () => {
    sim.faults.stlink = { mode: 'status', status: 502 };
    const before = sim.requests.stlink;
    const error = await stlink.resolve('chzzk', 'cz', { withAuth: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ service: 'stlink', kind: 'status', upstreamStatus: 502 });
    expect(sim.requests.stlink - before).toBe(3);
  });

  it('does not retry an answer of the wrong shape, and times out a hanging stlink', async () => {
    sim.faults.stlink = { mode: 'garbage' };
    expect(await stlink.resolve('chzzk', 'cz', { withAuth: false }).catch((e: unknown) => e)).toMatchObject({
      kind: 'invalid_response',
    });
    sim.faults.stlink = { mode: 'hang' };
    const error = await stlink.resolve('chzzk', 'cz', { withAuth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: 'timeout' });
  });
});

describe('m3u8 check', () => {
  // As recnode records it (rwiv/recnode recnode/recorder/stream/stream_recorder_seg.py): the
  // simulated origin wants the token on the segments, which recnode gets the params on.
  it('accepts the resolved stream, and refuses it without its params or its headers', async () => {
    const stream = requireOpen(await stlink.resolve('chzzk', 'cz', { withAuth: false }));
    expect(await m3u8.check(stream, 'none')).toEqual({ available: true });
    expect(await m3u8.check({ ...stream, params: null }, 'none')).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^segment .* answered 403$/),
    });
    expect(await m3u8.check({ ...stream, headers: {} }, 'none')).toMatchObject({ available: false });
  });

  it('reports a dropped playlist as unavailable after its retries, without leaking the token', async () => {
    const stream = requireOpen(await stlink.resolve('chzzk', 'cz', { withAuth: false }));
    sim.streams.drop('chzzk', 'cz', 404);
    const result = await m3u8.check(stream, 'default');
    sim.streams.drop('chzzk', 'cz', null);
    expect(result).toMatchObject({ available: false, reason: expect.stringContaining('404') });
    expect(JSON.stringify(result)).not.toContain(stream.params!.token![0]!);
  });
});
