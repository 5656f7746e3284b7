/**
 * Checks that a media playlist can be fetched as recnode will fetch it: with the stream's headers
 * AND its query params (the original forgot the params, §14.28). soop's standby mode answers
 * without a playable playlist for a while, so callers pick a retry policy: `default` (2 retries,
 * 500 ms apart) during registration, `long` (9 retries, exponential from 500 ms) for audits.
 */
import { Injectable } from '@nestjs/common';
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

export function playlistUrl(stream: Pick<ResolvedStream, 'url' | 'params'>): string {
  const url = new URL(stream.url);
  for (const [name, values] of Object.entries(stream.params ?? {})) {
    for (const value of values) url.searchParams.append(name, value);
  }
  return url.toString();
}

/** The playlist's address without its query, for logs: params may carry tokens. */
function shown(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

@Injectable()
export class M3u8Checker {
  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  async check(
    stream: Pick<ResolvedStream, 'url' | 'params' | 'headers'>,
    policy: M3u8RetryPolicy = 'default',
  ): Promise<M3u8Check> {
    const { retries, baseDelayMs, factor } = POLICIES[policy];
    let last: M3u8Check = { available: false, reason: 'not checked' };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, baseDelayMs * factor ** (attempt - 1)));
      last = await upstreamCall(() => this.fetchOnce(stream));
      if (last.available) return last;
    }
    return last;
  }

  private async fetchOnce(stream: Pick<ResolvedStream, 'url' | 'params' | 'headers'>): Promise<M3u8Check> {
    const url = playlistUrl(stream);
    try {
      const response = await fetch(url, {
        headers: stream.headers,
        signal: AbortSignal.timeout(this.config.values.HTTP_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) {
        this.stats.record(M3U8, 'status');
        return { available: false, reason: `${shown(url)} answered ${response.status}` };
      }
      if (!text.trimStart().startsWith('#EXTM3U')) {
        this.stats.record(M3U8, 'invalid_response');
        return { available: false, reason: `${shown(url)} did not answer with a playlist` };
      }
      this.stats.record(M3U8, 'ok');
      return { available: true };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.stats.record(M3U8, timedOut ? 'timeout' : 'unreachable');
      return {
        available: false,
        reason: `${shown(url)} ${timedOut ? 'did not answer in time' : 'is unreachable'}`,
      };
    }
  }
}
