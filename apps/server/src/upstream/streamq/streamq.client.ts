/**
 * The platform gateway (streamq): channel info and live searches per platform, validated with the
 * raw schemas of @recflow/contracts (which take counts and ids as numbers or decimal strings, and
 * optional fields null or absent) and normalized to ChannelInfo / LiveInfo.
 */
import { Injectable } from '@nestjs/common';
import {
  type ChannelInfo,
  ChzzkChannelRaw,
  ChzzkLiveRaw,
  type LiveInfo,
  normalizeChzzkChannel,
  normalizeChzzkLive,
  normalizeSoopChannel,
  normalizeSoopLive,
  type PlatformName,
  SoopChannelRaw,
  SoopLiveRaw,
} from '@recflow/contracts';
import { z } from 'zod';
import { AppConfig } from '../../config/app-config';
import { callJson } from '../http-json';
import { UpstreamStats } from '../upstream-stats';

export const STREAMQ = 'streamq';

/** The live searches criteria use: what to search by, per platform. */
export type LiveSearch =
  | { platform: 'chzzk'; by: 'tag' | 'keyword'; value: string }
  | { platform: 'chzzk'; by: 'watchparty'; value: number }
  | { platform: 'soop'; by: 'tag' | 'keyword'; value: string }
  | { platform: 'soop'; by: 'category'; value: string; withCred?: boolean };

const SEARCH_PATHS = {
  tag: ['tag', 'tag'],
  keyword: ['keyword', 'keyword'],
  watchparty: ['watchparty', 'watchPartyNo'],
  category: ['category', 'cateNo'],
} as const;

/** A search answers a list; its items are validated one by one. */
const AnyList = z.array(z.unknown());

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

  /** One live search, normalized; at most STREAMQ_QSIZE results. */
  async searchLives(search: LiveSearch, timeoutMs = this.config.values.HTTP_TIMEOUT_MS): Promise<LiveInfo[]> {
    const [path, param] = SEARCH_PATHS[search.by];
    const query = new URLSearchParams({
      [param]: String(search.value),
      size: String(this.config.values.STREAMQ_QSIZE),
    });
    if (search.platform === 'soop' && search.by === 'category' && search.withCred)
      query.set('withCred', 'true');
    const url = `${this.config.values.STREAMQ_URL}/api/${search.platform}/lives/v1/${path}?${query}`;
    const raw = await callJson(this.stats, { service: STREAMQ, url, schema: AnyList, timeoutMs });
    // Item by item: one live in a shape recflow cannot read is left out (and counted), not the
    // whole search.
    const lives: LiveInfo[] = [];
    for (const item of raw!) {
      if (search.platform === 'chzzk') {
        const parsed = ChzzkLiveRaw.safeParse(item);
        if (parsed.success) lives.push(normalizeChzzkLive(parsed.data));
      } else {
        const parsed = SoopLiveRaw.safeParse(item);
        if (parsed.success) lives.push(normalizeSoopLive(parsed.data));
      }
    }
    this.stats.record(STREAMQ, 'invalid_item', raw!.length - lives.length);
    return lives;
  }
}
