/** Where a channel and its broadcast live on their platform, for links out of the dashboard. */
import type { PlatformName } from '@recflow/contracts';

const CHANNEL_URLS: Record<PlatformName, (id: string) => string> = {
  chzzk: (id) => `https://chzzk.naver.com/${id}`,
  soop: (id) => `https://www.sooplive.co.kr/station/${id}`,
};

const LIVE_URLS: Record<PlatformName, (id: string) => string> = {
  chzzk: (id) => `https://chzzk.naver.com/live/${id}`,
  soop: (id) => `https://play.sooplive.co.kr/${id}`,
};

export function channelUrl(platform: PlatformName, channelSourceId: string): string {
  return CHANNEL_URLS[platform](channelSourceId);
}

/** The broadcast page: the platforms address a live by its channel id. */
export function liveUrl(platform: PlatformName, channelSourceId: string): string {
  return LIVE_URLS[platform](channelSourceId);
}
