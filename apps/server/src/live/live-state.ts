/**
 * The LiveState recflow hands to recnode: every key present, camelCase. Its `location` is
 * RECNODE_DEFAULT_LOCATION, or RECNODE_FOLLOWED_LOCATION for a followed channel, and always
 * `local` for a domestic-only live.
 */
import type { LiveState, PlatformName, RecnodeLocation } from '@recflow/contracts';
import type { ConfigValues } from '../config/config.schema';
import type { ResolvedStream } from '../upstream/stlink/stlink.client';

export interface LiveStateSource {
  id: string;
  platform: PlatformName;
  channelSourceId: string;
  channelName: string;
  liveSourceId: string;
  liveTitle: string;
  videoName: string;
  fsName: string;
  domesticOnly: boolean;
  isFollowed: boolean;
  stream: ResolvedStream;
  createdAt: Date;
}

export function locationOf(
  source: Pick<LiveStateSource, 'domesticOnly' | 'isFollowed'>,
  config: Pick<ConfigValues, 'RECNODE_DEFAULT_LOCATION' | 'RECNODE_FOLLOWED_LOCATION'>,
): RecnodeLocation {
  if (source.domesticOnly) return 'local';
  return source.isFollowed ? config.RECNODE_FOLLOWED_LOCATION : config.RECNODE_DEFAULT_LOCATION;
}

export function buildLiveState(
  source: LiveStateSource,
  config: Pick<ConfigValues, 'RECNODE_DEFAULT_LOCATION' | 'RECNODE_FOLLOWED_LOCATION'>,
): LiveState {
  const at = source.createdAt.toISOString();
  return {
    id: source.id,
    platform: source.platform,
    channelId: source.channelSourceId,
    channelName: source.channelName,
    liveId: source.liveSourceId,
    liveTitle: source.liveTitle,
    platformCookie: null,
    streamUrl: source.stream.url,
    streamParams: source.stream.params,
    streamHeaders: source.stream.headers,
    videoName: source.videoName,
    fsName: source.fsName,
    location: locationOf(source, config),
    isInvalid: false,
    createdAt: at,
    updatedAt: at,
  };
}
