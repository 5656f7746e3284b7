/** The platform gateway (streamq): channel info per platform, normalized to ChannelInfo. */
import { Injectable } from '@nestjs/common';
import {
  type ChannelInfo,
  ChzzkChannelRaw,
  normalizeChzzkChannel,
  normalizeSoopChannel,
  type PlatformName,
  SoopChannelRaw,
} from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { callJson } from '../http-json';
import { UpstreamStats } from '../upstream-stats';

export const STREAMQ = 'streamq';

@Injectable()
export class StreamqClient {
  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  /** The channel's profile (and its current live when asked); `null` if the platform has no such channel. */
  async fetchChannel(
    platform: PlatformName,
    sourceId: string,
    withLiveInfo = false,
  ): Promise<ChannelInfo | null> {
    const base = `${this.config.values.STREAMQ_URL}/api/${platform}/channels/v1/${encodeURIComponent(sourceId)}`;
    const url = withLiveInfo ? `${base}?hasLiveInfo=true` : base;
    const timeoutMs = this.config.values.HTTP_TIMEOUT_MS;
    if (platform === 'chzzk') {
      const raw = await callJson(this.stats, {
        service: STREAMQ,
        url,
        schema: ChzzkChannelRaw,
        timeoutMs,
        absentOn: [404],
      });
      return raw ? normalizeChzzkChannel(raw) : null;
    }
    const raw = await callJson(this.stats, {
      service: STREAMQ,
      url,
      schema: SoopChannelRaw,
      timeoutMs,
      absentOn: [404],
    });
    return raw ? normalizeSoopChannel(raw) : null;
  }
}
