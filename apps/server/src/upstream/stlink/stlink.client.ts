/**
 * stlink resolves a live channel to its best media playlist, with the headers and query params
 * needed to fetch it. Routing: chzzk goes through the domestic route; soop
 * tries the overseas route first and the domestic one if that reports the live as not open.
 * `openLive: false` means "not accessible now, try later", never "ended".
 */
import { Injectable } from '@nestjs/common';
import {
  type PlatformName,
  type StlinkProxy,
  StlinkStream,
  type StreamHeaders,
  type StreamParams,
  stlinkStreamPath,
} from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { UpstreamError } from '../../shared/errors';
import { withRetry } from '../../shared/retry';
import { callJson } from '../http-json';
import { isTransient } from '../transient';
import { UpstreamStats } from '../upstream-stats';

export const STLINK = 'stlink';

export interface ResolvedStream {
  url: string;
  params: StreamParams | null;
  headers: StreamHeaders;
}

export type StreamResolution = { openLive: false } | { openLive: true; stream: ResolvedStream };

const RETRY = { retries: 2, baseDelayMs: 300, factor: 2 };

@Injectable()
export class StlinkClient {
  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  async resolve(
    platform: PlatformName,
    channelUid: string,
    options: { withAuth: boolean },
  ): Promise<StreamResolution> {
    if (platform === 'chzzk') return this.resolveVia(platform, channelUid, options.withAuth, 'domestic');
    const overseas = await this.resolveVia(platform, channelUid, options.withAuth, 'overseas');
    if (overseas.openLive) return overseas;
    return this.resolveVia(platform, channelUid, options.withAuth, 'domestic');
  }

  private async resolveVia(
    platform: PlatformName,
    channelUid: string,
    withAuth: boolean,
    proxy: StlinkProxy,
  ): Promise<StreamResolution> {
    const answer = await withRetry(
      RETRY,
      async () =>
        (await callJson(this.stats, {
          service: STLINK,
          url: this.urlFor(platform, channelUid, withAuth, proxy),
          schema: StlinkStream,
          timeoutMs: this.config.values.STLINK_HTTP_TIMEOUT_MS,
        }))!,
      isTransient,
    );
    if (!answer.openLive) return { openLive: false };
    if (!answer.best || !answer.headers) {
      this.stats.record(STLINK, 'invalid_response');
      throw new UpstreamError(
        STLINK,
        `reported ${platform}:${channelUid} open but gave no ${answer.best ? 'headers' : 'best stream'}`,
        'invalid_response',
      );
    }
    return {
      openLive: true,
      stream: {
        url: answer.best.mediaPlaylistUrl,
        params: answer.best.params ?? null,
        headers: answer.headers,
      },
    };
  }

  private urlFor(platform: PlatformName, channelUid: string, withAuth: boolean, proxy: StlinkProxy): string {
    const v = this.config.values;
    const base = v.STLINK_USE_PROXY
      ? v.STLINK_ENDPOINT
      : ((proxy === 'domestic' ? v.STLINK_ENDPOINT_DOMESTIC : v.STLINK_ENDPOINT_OVERSEAS) ??
        v.STLINK_ENDPOINT);
    let query = 'fields=best,headers';
    if (withAuth) query += '&withAuth=true';
    if (v.STLINK_USE_PROXY) query += `&proxy=${proxy}`;
    return `${base}${stlinkStreamPath(platform, channelUid)}?${query}`;
  }
}
