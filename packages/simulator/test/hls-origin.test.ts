import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlaylist, type Simulator, startSimulator, verifySegmentBody } from '../src/index';
import { waitFor } from './support';

let sim: Simulator;
let sequence = 0;

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 40 });
});

afterAll(() => sim.close());

function liveStream() {
  const sourceId = `hls${++sequence}`;
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Hls ${sequence}` });
  sim.world.startLive('chzzk', sourceId);
  const access = sim.streams.accessOf('chzzk', sourceId);
  const url = new URL(access.url);
  for (const [name, values] of Object.entries(access.params ?? {}))
    for (const v of values) url.searchParams.append(name, v);
  return { sourceId, access, url };
}

async function playlistOf(stream: ReturnType<typeof liveStream>) {
  const res = await fetch(stream.url, { headers: stream.access.headers });
  expect(res.status).toBe(200);
  return parsePlaylist(await res.text());
}

describe('HLS origin', () => {
  it('serves the playlist with the headers alone, and segments only with the headers and the token', async () => {
    const stream = liveStream();
    expect((await fetch(stream.access.url)).status).toBe(403);
    expect((await fetch(stream.access.url, { headers: stream.access.headers })).status).toBe(200);
    const playlist = await playlistOf(stream);
    const bare = new URL(playlist.segments.at(-1)!.uri, stream.access.url);
    const signed = new URL(bare);
    for (const [name, values] of Object.entries(stream.access.params ?? {}))
      for (const v of values) signed.searchParams.append(name, v);
    expect((await fetch(bare, { headers: stream.access.headers })).status).toBe(403);
    expect((await fetch(signed)).status).toBe(403);
    expect((await fetch(signed, { headers: stream.access.headers })).status).toBe(200);
  });

  it('advances a sliding window of verifiable segments in simulated real time', async () => {
    const stream = liveStream();
    const first = await waitFor(async () => {
      const p = await playlistOf(stream);
      return p.segments.length >= 2 && p;
    });
    const later = await waitFor(async () => {
      const p = await playlistOf(stream);
      return p.mediaSequence >= first.mediaSequence + 8 && p;
    });
    expect(later.segments).toHaveLength(6);
    expect(later.targetDurationSec).toBe(2);
    const segment = later.segments.at(-1)!;
    const url = new URL(segment.uri, stream.access.url);
    url.search = stream.url.search;
    expect((await fetch(url)).status).toBe(403);
    const body = Buffer.from(await (await fetch(url, { headers: stream.access.headers })).arrayBuffer());
    expect(verifySegmentBody(body)).toMatchObject({ num: segment.num });
    expect(body.length).toBeGreaterThanOrEqual(2048);
    const future = new URL(`0/${segment.num + 50}.ts`, stream.access.url);
    future.search = stream.url.search;
    expect((await fetch(future, { headers: stream.access.headers })).status).toBe(404);
  });

  it('stops advancing while stale and resumes without a gap', async () => {
    const stream = liveStream();
    await waitFor(async () => (await playlistOf(stream)).segments.length >= 1);
    sim.streams.goStale('chzzk', stream.sourceId);
    const frozen = await playlistOf(stream);
    const frozenAt = sim.clock.now();
    await waitFor(() => sim.clock.now() > frozenAt + 6_000);
    expect(await playlistOf(stream)).toEqual(frozen);
    sim.streams.resume('chzzk', stream.sourceId);
    const resumed = await waitFor(async () => {
      const p = await playlistOf(stream);
      return p.segments.at(-1)!.num > frozen.segments.at(-1)!.num && p;
    });
    expect(resumed.segments.at(-1)!.num).toBe(frozen.segments.at(-1)!.num + 1);
  });

  it('answers 404 or 410 for a dropped playlist, and 404 once the broadcast ended', async () => {
    const stream = liveStream();
    sim.streams.drop('chzzk', stream.sourceId, 410);
    expect((await fetch(stream.url, { headers: stream.access.headers })).status).toBe(410);
    sim.streams.drop('chzzk', stream.sourceId, null);
    expect((await fetch(stream.url, { headers: stream.access.headers })).status).toBe(200);
    sim.world.endLive('chzzk', stream.sourceId);
    expect((await fetch(stream.url, { headers: stream.access.headers })).status).toBe(404);
  });

  it('restarts numbering from the first number with new segment bytes', async () => {
    const stream = liveStream();
    const before = await waitFor(async () => {
      const p = await playlistOf(stream);
      return p.mediaSequence >= 3 && p;
    });
    sim.streams.restart('chzzk', stream.sourceId, 'reset');
    const after = await waitFor(async () => {
      const p = await playlistOf(stream);
      return p.segments.length >= 1 && p;
    });
    expect(after.mediaSequence).toBe(0);
    expect(after.segments[0]!.uri).not.toBe(before.segments[0]!.uri);
    expect(after.segments[0]!.uri).toBe('1/0.ts');
  });
});
