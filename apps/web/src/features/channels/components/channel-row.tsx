import type { ChannelDto } from '@recflow/contracts';
import { useState } from 'react';
import { toast } from 'sonner';
import { formatAge, formatDateTime } from '@/shared/lib/format';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { TableCell, TableRow } from '@/shared/ui/table';
import { useDeleteChannel } from '../api/delete-channel';
import type { ChannelCatalog } from '../model/channel-catalog';
import { AttachTagDialog } from './attach-tag-dialog';
import { ChangeGradeDialog } from './change-grade-dialog';
import { ChannelActionsMenu, type ChannelDialog } from './channel-actions-menu';
import { ChannelIdentity } from './channel-identity';
import { ChannelTags } from './channel-tags';
import { EditChannelDialog } from './edit-channel-dialog';
import { FollowerBar } from './follower-bar';
import { GradeBadge } from './grade-badge';

interface ChannelRowProps {
  channel: ChannelDto;
  catalog: ChannelCatalog;
  maxFollowers: number;
  onFilterByTag(name: string): void;
}

export function ChannelRow({ channel, catalog, maxFollowers, onFilterByTag }: ChannelRowProps) {
  const [dialog, setDialog] = useState<ChannelDialog>();
  const remove = useDeleteChannel();
  const close = () => setDialog(undefined);

  return (
    <TableRow data-channel-id={channel.id}>
      <TableCell className="max-w-72 min-w-56">
        <ChannelIdentity channel={channel} />
      </TableCell>
      <TableCell>
        <GradeBadge grade={channel.grade} onClick={() => setDialog('grade')} />
      </TableCell>
      <TableCell className="max-w-64 min-w-48">
        <ChannelTags channel={channel} onFilterByTag={onFilterByTag} onAttach={() => setDialog('attach')} />
      </TableCell>
      <TableCell>
        <FollowerBar count={channel.followerCnt} max={maxFollowers} />
      </TableCell>
      <TableCell className="max-w-80 min-w-48">
        {channel.description ? (
          <p className="line-clamp-2 text-sm break-words" title={channel.description}>
            {channel.description}
          </p>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </TableCell>
      <TableCell className="text-xs whitespace-nowrap">
        <div title={formatDateTime(channel.updatedAt)}>{formatAge(channel.updatedAt)}</div>
        <div className="text-muted-foreground" title={formatDateTime(channel.createdAt)}>
          {formatAge(channel.createdAt)}
        </div>
      </TableCell>
      <TableCell className="w-10 text-right">
        <ChannelActionsMenu channel={channel} onOpen={setDialog} />
        {dialog === 'grade' && (
          <ChangeGradeDialog channel={channel} grades={catalog.grades} onClose={close} />
        )}
        {dialog === 'attach' && <AttachTagDialog channel={channel} tags={catalog.tags} onClose={close} />}
        {dialog === 'edit' && <EditChannelDialog channel={channel} grades={catalog.grades} onClose={close} />}
        <ConfirmDialog
          open={dialog === 'delete'}
          onOpenChange={(open) => setDialog(open ? 'delete' : undefined)}
          title={`Delete ${channel.username}?`}
          description={`The ${channel.platform.name} channel ${channel.sourceId} and its tag links are removed. A channel with recorded lives cannot be deleted.`}
          confirmLabel="Delete channel"
          destructive
          onConfirm={async () => {
            await remove.mutateAsync(channel.id);
            toast.success(`${channel.username} deleted`);
          }}
        />
      </TableCell>
    </TableRow>
  );
}
