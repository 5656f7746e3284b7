import type { ChannelDto } from '@recflow/contracts';
import { channelUrl } from '@/shared/lib/platform-links';
import { ChannelAvatar } from '@/shared/ui/channel-avatar';
import { PlatformBadge } from '@/shared/ui/platform-badge';

/** Who is live: avatar, name (linking to the channel on its platform), platform and grade. */
export function LiveChannel({ channel }: { channel: ChannelDto }) {
  return (
    <div className="flex min-w-0 items-center gap-2.5">
      <ChannelAvatar name={channel.username} src={channel.profileImgUrl} seed={channel.id} />
      <div className="grid min-w-0 gap-0.5">
        <a
          href={channelUrl(channel.platform.name, channel.sourceId)}
          target="_blank"
          rel="noreferrer"
          title={channel.username}
          className="truncate font-medium hover:underline"
        >
          {channel.username}
        </a>
        <div className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
          <PlatformBadge platform={channel.platform.name} />
          <span className="truncate" title={`grade ${channel.grade.name}`}>
            {channel.grade.name}
          </span>
        </div>
      </div>
    </div>
  );
}
