import type { ChannelDto } from '@recflow/contracts';
import { StarIcon } from 'lucide-react';
import { channelUrl } from '@/shared/lib/platform-links';
import { ChannelAvatar } from '@/shared/ui/channel-avatar';
import { PlatformBadge } from '@/shared/ui/platform-badge';

/** Avatar, name (linking to the platform page; starred when followed), platform and channel id. */
export function ChannelIdentity({ channel }: { channel: ChannelDto }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <ChannelAvatar name={channel.username} src={channel.profileImgUrl} seed={channel.id} />
      <div className="grid min-w-0 gap-0.5">
        <div className="flex min-w-0 items-center gap-1.5">
          <a
            href={channelUrl(channel.platform.name, channel.sourceId)}
            target="_blank"
            rel="noreferrer"
            title={channel.username}
            className="truncate font-medium hover:underline"
          >
            {channel.username}
          </a>
          {channel.isFollowed && (
            <StarIcon className="size-3.5 shrink-0 fill-warning text-warning" aria-label="followed" />
          )}
        </div>
        <div className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
          <PlatformBadge platform={channel.platform.name} />
          <span className="truncate font-mono">{channel.sourceId}</span>
        </div>
      </div>
    </div>
  );
}
