/** Where a channel lives on its platform, for links out of the dashboard. */
import type { PlatformName } from '@recflow/contracts';

const CHANNEL_URLS: Record<PlatformName, (id: string) => string> = {
  chzzk: (id) => `https://chzzk.naver.com/${id}`,
  soop: (id) => `https://www.sooplive.co.kr/station/${id}`,
};

export function channelUrl(platform: PlatformName, channelSourceId: string): string {
  return CHANNEL_URLS[platform](channelSourceId);
}

