import type { ChannelDto } from '@recflow/contracts';
import { SearchXIcon, UsersIcon } from 'lucide-react';
import { EmptyState } from '@/shared/ui/empty-state';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import type { ChannelCatalog } from '../model/channel-catalog';
import { ChannelRow } from './channel-row';

interface ChannelTableProps {
  channels: ChannelDto[];
  catalog: ChannelCatalog;
  filtered: boolean;
  onFilterByTag(name: string): void;
}

export function ChannelTable({ channels, catalog, filtered, onFilterByTag }: ChannelTableProps) {
  if (channels.length === 0) {
    return filtered ? (
      <EmptyState icon={SearchXIcon} title="No channel matches these filters">
        Remove a filter, or check the spelling of the searched name or id.
      </EmptyState>
    ) : (
      <EmptyState icon={UsersIcon} title="No channels yet">
        Add one with "Add channel", import a CSV or JSON file, or let the criteria discover them.
      </EmptyState>
    );
  }
  const maxFollowers = Math.max(...channels.map((c) => c.followerCnt));
  return (
    <Table aria-label="Channels">
      <TableHeader>
        <TableRow>
          <TableHead>Channel</TableHead>
          <TableHead>Grade</TableHead>
          <TableHead>Tags</TableHead>
          <TableHead>Followers</TableHead>
          <TableHead>Description</TableHead>
          <TableHead>Updated / Created</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {channels.map((channel) => (
          <ChannelRow
            key={channel.id}
            channel={channel}
            catalog={catalog}
            maxFollowers={maxFollowers}
            onFilterByTag={onFilterByTag}
          />
        ))}
      </TableBody>
    </Table>
  );
}
