/** Row factories for integration tests: write through the API where one exists, so tests exercise it. */
import { api, type ChannelDto, type PlatformName } from '@recflow/contracts';
import type { Simulator } from '@recflow/simulator';
import type { ApiClient } from './api-client';

let sequence = 0;

export function uniqueId(prefix = 'ch'): string {
  sequence++;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

/** Adds a channel to the simulated platform and registers it in recflow through the API. */
export async function addChannel(
  client: ApiClient,
  sim: Simulator,
  spec: {
    platform?: PlatformName;
    username?: string;
    followerCnt?: number;
    tagNames?: string[];
    gradeName?: string;
    isFollowed?: boolean;
  } = {},
): Promise<ChannelDto> {
  const platform = spec.platform ?? 'chzzk';
  const sourceId = uniqueId(platform);
  sim.world.addChannel({
    platform,
    sourceId,
    username: spec.username ?? `User ${sourceId}`,
    followerCnt: spec.followerCnt ?? 10,
  });
  return client.ok(api.channels.create, {
    body: {
      platformName: platform,
      sourceId,
      tagNames: spec.tagNames ?? [],
      gradeName: spec.gradeName,
      isFollowed: spec.isFollowed,
    },
  });
}
