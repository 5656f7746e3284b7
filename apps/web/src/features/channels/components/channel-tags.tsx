import type { ChannelDto, TagDto } from '@recflow/contracts';
import { FilterIcon, PlusIcon, UnlinkIcon } from 'lucide-react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { badgeVariants } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/shared/ui/dropdown-menu';
import { useDetachTag } from '../api/detach-tag';

interface ChannelTagsProps {
  channel: ChannelDto;
  onFilterByTag(name: string): void;
  onAttach(): void;
}

/** The channel's tags; each opens a menu to filter the list by it or detach it. */
export function ChannelTags({ channel, onFilterByTag, onAttach }: ChannelTagsProps) {
  const detach = useDetachTag();

  const detachTag = (tag: TagDto) =>
    detach.mutate(
      { channelId: channel.id, tagId: tag.id },
      {
        onSuccess: () => toast.success(`Tag "${tag.name}" detached from ${channel.username}`),
        onError: (error) => toast.error(`Could not detach "${tag.name}": ${errorMessage(error)}`),
      },
    );

  return (
    <div className="flex flex-wrap items-center gap-1">
      {(channel.tags ?? []).map((tag) => (
        <DropdownMenu key={tag.id} modal={false}>
          <DropdownMenuTrigger
            className={cn(badgeVariants({ variant: 'outline' }), 'cursor-pointer hover:bg-accent')}
            title={tag.description ?? undefined}
          >
            {tag.name}
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuLabel>{tag.name}</DropdownMenuLabel>
            <DropdownMenuItem onSelect={() => onFilterByTag(tag.name)}>
              <FilterIcon /> Filter the list by this tag
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem destructive onSelect={() => detachTag(tag)}>
              <UnlinkIcon /> Detach from {channel.username}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      ))}
      <Button
        variant="ghost"
        size="icon-sm"
        className="size-5 rounded text-muted-foreground"
        aria-label={`Attach a tag to ${channel.username}`}
        onClick={onAttach}
      >
        <PlusIcon className="size-3.5" />
      </Button>
    </div>
  );
}
