/**
 * Checks that a stream can be recorded the way recnode records it, so that a stream recnode cannot
 * record is refused before any node is asked to:
 * 1. the media playlist is fetched at its URL exactly as written, with the stream's headers and
 *    WITHOUT its query params — recnode never adds them to the playlist;
 * 2. a master playlist or one without segments is unavailable: recnode gives up on either at once;
 * 3. the playlist's newest segment is fetched as recnode builds its URL: the playlist's base (its
 *    URL up to the last `/`, without query), `/`, the segment's URI as written, then the params
 *    merged into its query, each replacing a parameter of the same name; with the headers again.
 *    Only the status and the first bytes are read. A CDN that wants a token on its segments
 *    answers 403 here when the params are missing or expired.
 * soop's standby mode answers without a playable playlist for a while, so callers pick a retry
 * policy: `default` (2 retries, 500 ms apart) during registration, `long` (9 retries, exponential
 * from 500 ms) for audits. Reasons and logs never show a query: params may carry tokens.
 */
import { Injectable } from '@nestjs/common';
import type { StreamParams } from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { UpstreamStats } from '../upstream-stats';
import { upstreamCall } from '../upstream-time';
import type { ResolvedStream } from './stlink.client';

export const M3U8 = 'm3u8';

const POLICIES = {
  none: { retries: 0, baseDelayMs: 0, factor: 1 },
  default: { retries: 2, baseDelayMs: 500, factor: 1 },
  long: { retries: 9, baseDelayMs: 500, factor: 2 },
} as const;
export type M3u8RetryPolicy = keyof typeof POLICIES;

export type M3u8Check = { available: true } | { available: false; reason: string };

/** Tags only a master playlist has: it lists variant playlists, not segments. */
const MASTER_TAG = /^#EXT-X-(STREAM-INF|I-FRAME-STREAM-INF|MEDIA)[:\s]/m;

/**
 * What recnode learns from a playlist: whether it is a master one, and its segment URIs as written.
 * Every line that is neither blank nor a tag is a URI, the way an HLS parser reads a media playlist.
 */
export function parsePlaylist(text: string): { master: boolean; segmentUris: string[] } | null {
  if (!text.trimStart().startsWith('#EXTM3U')) return null;
  if (MASTER_TAG.test(text)) return { master: true, segmentUris: [] };
  const segmentUris = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return { master: false, segmentUris };
}

/**
 * A segment's URL as recnode builds it: `base + "/" + uri` (even for a URI that is absolute or
 * starts with `/`, which recnode does not resolve either), then the params merged in with
 * overwrite, written without URL-encoding as recnode writes them.
 */
export function segmentUrl(streamUrl: string, uri: string, params: StreamParams | null): string {
  const playlist = new URL(streamUrl);
  const basePath = playlist.pathname.slice(0, playlist.pathname.lastIndexOf('/'));
  const joined = `${playlist.protocol}//${playlist.host}${basePath}/${uri}`;
  if (!params || Object.keys(params).length === 0) return joined;
  const queryAt = joined.indexOf('?');
  const path = queryAt < 0 ? joined : joined.slice(0, queryAt);
  const merged = new Map<string, string[]>();
  if (queryAt >= 0) {
    for (const [name, value] of new URLSearchParams(joined.slice(queryAt + 1))) {
      // Blank values are dropped when recnode parses a query.
      if (value === '') continue;
      merged.set(name, [...(merged.get(name) ?? []), value]);
    }
  }
  for (const [name, values] of Object.entries(params)) merged.set(name, values);
  const query = [...merged].flatMap(([name, values]) => values.map((v) => `${name}=${v}`)).join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** An address without its query, for reasons and logs: params may carry tokens. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split('?')[0]!;
  }
}

type Stream = Pick<ResolvedStream, 'url' | 'params' | 'headers'>;

@Injectable()
export class M3u8Checker {
  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  async check(stream: Stream, policy: M3u8RetryPolicy = 'default'): Promise<M3u8Check> {
    const { retries, baseDelayMs, factor } = POLICIES[policy];
    let last: M3u8Check = { available: false, reason: 'not checked' };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, baseDelayMs * factor ** (attempt - 1)));
      last = await upstreamCall(() => this.checkOnce(stream));
      if (last.available) return last;
    }
    return last;
  }

  private async checkOnce(stream: Stream): Promise<M3u8Check> {
    const playlist = await this.get(stream.url, stream.headers, 'text');
    if (!playlist.ok) return playlist.check;
    const parsed = parsePlaylist(playlist.text);
    if (!parsed) {
      this.stats.record(M3U8, 'invalid_response');
      return { available: false, reason: `${shown(stream.url)} did not answer with a playlist` };
    }
    if (parsed.master) {
      this.stats.record(M3U8, 'invalid_response');
      return {
        available: false,
        reason: `${shown(stream.url)} is a master playlist; recnode records only a media playlist`,
      };
    }
    const last = parsed.segmentUris.at(-1);
    if (last === undefined) {
      this.stats.record(M3U8, 'invalid_response');
      return { available: false, reason: `${shown(stream.url)} lists no segment` };
    }
    this.stats.record(M3U8, 'ok');
    const segment = await this.get(
      segmentUrl(stream.url, last, stream.params),
      stream.headers,
      'first bytes',
    );
    if (!segment.ok) return segment.check;
    this.stats.record(M3U8, 'ok');
    return { available: true };
  }

  /**
   * One GET. `text` reads the whole body (a playlist); `first bytes` reads the status and one chunk
   * of a segment, then lets the rest go.
   */
  private async get(
    url: string,
    headers: Record<string, string>,
    read: 'text' | 'first bytes',
  ): Promise<{ ok: true; text: string } | { ok: false; check: M3u8Check }> {
    const what = read === 'text' ? shown(url) : `segment ${shown(url)}`;
    try {
      const response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.config.values.HTTP_TIMEOUT_MS),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        this.stats.record(M3U8, 'status');
        return { ok: false, check: { available: false, reason: `${what} answered ${response.status}` } };
      }
      if (read === 'text') return { ok: true, text: await response.text() };
      const reader = response.body?.getReader();
      if (reader) {
        await reader.read();
        await reader.cancel().catch(() => undefined);
      }
      return { ok: true, text: '' };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.stats.record(M3U8, timedOut ? 'timeout' : 'unreachable');
      return {
        ok: false,
        check: {
          available: false,
          reason: `${what} ${timedOut ? 'did not answer in time' : 'is unreachable'}`,
        },
      };
    }
  }
}
