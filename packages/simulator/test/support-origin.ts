/**
 * A small HLS origin of the test's own, on loopback, that serves one media playlist it is told to
 * (or a master playlist, an empty one, an error) and records every request, so a test can see
 * exactly what a simulated node fetched: which URL, with which query and headers, and when.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { segmentBody } from '../src/index';

export type PlaylistMode = 'live' | 'ended' | 'empty' | 'master' | { status: number };

export interface OriginRequest {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Real epoch ms. */
  at: number;
}

export interface TestOrigin {
  url: string;
  playlistUrl: string;
  requests: OriginRequest[];
  mode: PlaylistMode;
  /** The segment numbers the playlist lists now. */
  segments: number[];
  close(): Promise<void>;
}

const KEY = 'test-origin';

export async function startTestOrigin(): Promise<TestOrigin> {
  const origin: TestOrigin = {
    url: '',
    playlistUrl: '',
    requests: [],
    mode: 'live',
    segments: [0, 1, 2],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin');
    origin.requests.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: Date.now(),
    });
    if (url.pathname === '/live/playlist.m3u8') {
      const mode = origin.mode;
      if (typeof mode === 'object') return void res.writeHead(mode.status).end('error');
      const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2'];
      if (mode === 'master') lines.push('#EXT-X-STREAM-INF:BANDWIDTH=1000000', 'variant.m3u8');
      else if (mode !== 'empty') {
        lines.push(`#EXT-X-MEDIA-SEQUENCE:${origin.segments[0] ?? 0}`);
        for (const num of origin.segments) lines.push('#EXTINF:2.000,', `0/${num}.ts`);
        if (mode === 'ended') lines.push('#EXT-X-ENDLIST');
      }
      return void res
        .writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' })
        .end(`${lines.join('\n')}\n`);
    }
    const segment = /^\/live\/0\/(\d+)\.ts$/.exec(url.pathname);
    if (segment) {
      const body = segmentBody({ streamKey: KEY, epoch: 0, num: Number(segment[1]) });
      return void res.writeHead(200, { 'content-length': body.length }).end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin.url = `http://127.0.0.1:${port}`;
  origin.playlistUrl = `${origin.url}/live/playlist.m3u8`;
  origin.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return origin;
}
