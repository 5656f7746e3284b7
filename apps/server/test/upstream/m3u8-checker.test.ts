/**
 * The m3u8 check against a small loopback HLS origin of its own, modelled on how recnode fetches
 * a stream (rwiv/recnode recnode/recorder/stream/stream_recorder_seg.py `__interval`): the
 * playlist at `streamUrl` as written, with `streamHeaders`, WITHOUT `streamParams`; each segment at
 * the playlist's base URL + "/" + its URI, with the params merged in (`merge_query_string(seg_url,
 * params, overwrite=True)`) and the headers; a master or an empty playlist is an error at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/config/app-config';
import { M3u8Checker, parsePlaylist, segmentUrl } from '../../src/upstream/stlink/m3u8-checker';
import { UpstreamStats } from '../../src/upstream/upstream-stats';

const AUTH = { name: 'x-origin-auth', value: 'header-secret' };
const TOKEN = 'good-token-0123456789';

const MEDIA = [
  '#EXTM3U',
  '#EXT-X-VERSION:3',
  '#EXT-X-TARGETDURATION:2',
  '#EXT-X-MEDIA-SEQUENCE:103',
  '#EXTINF:2.000,',
  'seg/103.ts',
  '#EXTINF:2.000,',
  'seg/104.ts',
  '#EXTINF:2.000,',
  'seg/105.ts?token=stale&v=1',
  '',
].join('\n');
const MASTER = [
  '#EXTM3U',
  '#EXT-X-STREAM-INF:BANDWIDTH=1280000,RESOLUTION=1280x720',
  '720p/playlist.m3u8',
  '',
].join('\n');
const EMPTY = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', ''].join('\n');

interface Origin {
  /** The body of `/live/abc/playlist.m3u8`. */
  playlist: string;
  /** What the segments answer when the token and header are right. */
  segment: 'ok' | 'hang' | 404;
  requests: Array<{ path: string; query: string; auth: string | undefined }>;
}

let server: Server;
let base: string;
const origin: Origin = { playlist: MEDIA, segment: 'ok', requests: [] };
let stats: UpstreamStats;
let checker: M3u8Checker;

beforeAll(async () => {
  // A CDN as recnode meets it: the playlist needs only the header and refuses a query (so a check
  // that sends the params there fails), the segments need the header AND the current token.
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://origin');
    const auth = req.headers[AUTH.name] as string | undefined;
    origin.requests.push({ path: url.pathname, query: url.search, auth });
    if (auth !== AUTH.value) return void res.writeHead(403).end('missing header');
    if (url.pathname === '/live/abc/playlist.m3u8') {
      if (url.search !== '') return void res.writeHead(400).end('no query on the playlist');
      return void res
        .writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' })
        .end(origin.playlist);
    }
    if (/^\/live\/abc\/seg\/\d+\.ts$/.test(url.pathname)) {
      if (url.searchParams.getAll('token').join(',') !== TOKEN)
        return void res.writeHead(403).end('bad token');
      if (origin.segment === 'hang') return;
      if (origin.segment === 404) return void res.writeHead(404).end('gone');
      res.writeHead(200, { 'content-type': 'video/mp2t' });
      // More than one chunk: the check reads the first and lets the rest go.
      res.write(Buffer.alloc(64 * 1024, 0x47));
      setTimeout(() => res.end(Buffer.alloc(64 * 1024, 0x47)), 50);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  origin.playlist = MEDIA;
  origin.segment = 'ok';
  origin.requests = [];
  stats = new UpstreamStats();
  checker = new M3u8Checker(AppConfig.fromEnv({}).with({ HTTP_TIMEOUT_MS: 300 }), stats);
});

const stream = (params: Record<string, string[]> | null = { token: [TOKEN] }) => ({
  url: `${base}/live/abc/playlist.m3u8`,
  params,
  headers: { [AUTH.name]: AUTH.value },
});

describe('segment URLs as recnode builds them', () => {
  it('joins the playlist base and the URI with "/", then merges the params over the query', () => {
    const playlist = 'https://cdn.example/a/b/playlist.m3u8?session=1';
    expect(segmentUrl(playlist, 'seg/7.ts', null)).toBe('https://cdn.example/a/b/seg/7.ts');
    expect(segmentUrl(playlist, '7.ts?token=old&v=1', { token: ['new'], extra: ['x', 'y'] })).toBe(
      'https://cdn.example/a/b/7.ts?token=new&v=1&extra=x&extra=y',
    );
    // Not resolved as a browser would: recnode joins whatever the playlist says.
    expect(segmentUrl(playlist, '/root/7.ts', null)).toBe('https://cdn.example/a/b//root/7.ts');
  });

  it('tells a master playlist and an empty one from a media playlist', () => {
    expect(parsePlaylist(MEDIA)).toEqual({
      master: false,
      segmentUris: ['seg/103.ts', 'seg/104.ts', 'seg/105.ts?token=stale&v=1'],
    });
    expect(parsePlaylist(MASTER)?.master).toBe(true);
    expect(parsePlaylist(EMPTY)).toEqual({ master: false, segmentUris: [] });
    expect(parsePlaylist('<html>')).toBeNull();
  });
});

describe('m3u8 check as recnode', () => {
  it('fetches the playlist without the params and the newest segment with them, both with the headers', async () => {
    expect(await checker.check(stream(), 'none')).toEqual({ available: true });
    expect(origin.requests).toEqual([
      { path: '/live/abc/playlist.m3u8', query: '', auth: AUTH.value },
      { path: '/live/abc/seg/105.ts', query: `?token=${TOKEN}&v=1`, auth: AUTH.value },
    ]);
    expect(stats.snapshot()).toEqual({ 'm3u8:ok': 2 });
  });

  it('refuses a stream whose segments answer 403: params missing or token expired', async () => {
    for (const params of [null, { token: ['expired-token-987654'] }]) {
      const result = await checker.check(stream(params), 'none');
      expect(result).toEqual({
        available: false,
        reason: `segment ${base}/live/abc/seg/105.ts answered 403`,
      });
      expect(JSON.stringify(result)).not.toContain('expired-token');
    }
    expect(await checker.check({ ...stream(), headers: {} }, 'none')).toEqual({
      available: false,
      reason: `${base}/live/abc/playlist.m3u8 answered 403`,
    });
  });

  it('refuses a master playlist and an empty one, without asking for a segment', async () => {
    origin.playlist = MASTER;
    expect(await checker.check(stream(), 'none')).toEqual({
      available: false,
      reason: `${base}/live/abc/playlist.m3u8 is a master playlist; recnode records only a media playlist`,
    });
    origin.playlist = EMPTY;
    expect(await checker.check(stream(), 'none')).toEqual({
      available: false,
      reason: `${base}/live/abc/playlist.m3u8 lists no segment`,
    });
    origin.playlist = 'not a playlist';
    expect(await checker.check(stream(), 'none')).toMatchObject({ available: false });
    expect(origin.requests.every((r) => r.path.endsWith('.m3u8'))).toBe(true);
  });

  it('keeps its retry policy, and times out a segment that does not answer', async () => {
    origin.segment = 404;
    const started = Date.now();
    expect(await checker.check(stream(), 'default')).toMatchObject({
      available: false,
      reason: expect.stringContaining('404'),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(origin.requests.filter((r) => r.path.endsWith('.m3u8'))).toHaveLength(3);

    origin.segment = 'hang';
    const hung = await checker.check(stream(), 'none');
    expect(hung).toEqual({
      available: false,
      reason: `segment ${base}/live/abc/seg/105.ts did not answer in time`,
    });
    expect(stats.snapshot()['m3u8:timeout']).toBe(1);
  });
});
