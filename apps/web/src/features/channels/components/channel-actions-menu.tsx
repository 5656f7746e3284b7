import type { ChannelDto } from '@recflow/contracts';
import { EllipsisVerticalIcon, PencilIcon, StarIcon, StarOffIcon, TagIcon, Trash2Icon } from 'lucide-react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { Button } from '@/shared/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/shared/ui/dropdown-menu';
import { useUpdateChannel } from '../api/update-channel';

export type ChannelDialog = 'grade' | 'attach' | 'edit' | 'delete';

export function ChannelActionsMenu({
  channel,
  onOpen,
}: {
  channel: ChannelDto;
  onOpen(dialog: ChannelDialog): void;
}) {
  const update = useUpdateChannel();

  const toggleFollow = () => {
    const isFollowed = !channel.isFollowed;
    update.mutate(
      { id: channel.id, body: { isFollowed } },
      {
        onSuccess: () =>
          toast.success(`${isFollowed ? 'Following' : 'Stopped following'} ${channel.username}`),
        onError: (error) => toast.error(`Could not update ${channel.username}: ${errorMessage(error)}`),
      },
    );
  };

  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${channel.username}`}>
          <EllipsisVerticalIcon />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem onSelect={() => onOpen('attach')}>
          <TagIcon /> Attach tag…
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onOpen('edit')}>
          <PencilIcon /> Edit…
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={toggleFollow}>
          {channel.isFollowed ? <StarOffIcon /> : <StarIcon />}
          {channel.isFollowed ? 'Unfollow' : 'Follow'}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem destructive onSelect={() => onOpen('delete')}>
          <Trash2Icon /> Delete…
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
