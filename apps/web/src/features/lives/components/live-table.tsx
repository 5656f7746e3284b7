import type { LiveDto } from '@recflow/contracts';
import { RadioIcon, SearchXIcon } from 'lucide-react';
import { EmptyState } from '@/shared/ui/empty-state';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import type { LiveFilters, LiveSort } from '../model/live-filters';
import { LiveRow } from './live-row';
import { SortHead } from './sort-head';

interface LiveTableProps {
  lives: LiveDto[];
  filters: LiveFilters;
  filtered: boolean;
  highlightId?: string;
  onSort(column: LiveSort): void;
}

export function LiveTable({ lives, filters, filtered, highlightId, onSort }: LiveTableProps) {
  if (lives.length === 0) {
    return filtered ? (
      <EmptyState icon={SearchXIcon} title="No live matches these filters">
        Choose another status, group or node, or clear the search.
      </EmptyState>
    ) : (
      <EmptyState icon={RadioIcon} title="Nothing is being recorded">
        Lives of followed channels and of channels the criteria find appear here on their own. Use "Record a
        live" to start one by hand.
      </EmptyState>
    );
  }
  const sortProps = { sort: filters.sort, dir: filters.dir, onSort };
  return (
    <Table aria-label="Lives">
      <TableHeader>
        <TableRow>
          <TableHead>Channel</TableHead>
          <SortHead column="title" label="Title" {...sortProps} />
          <SortHead column="viewers" label="Viewers" className="text-right" {...sortProps} />
          <TableHead>Nodes</TableHead>
          <TableHead>Status</TableHead>
          <SortHead column="since" label="Since" {...sortProps} />
          <TableHead>Segments</TableHead>
          <TableHead className="w-9 px-1">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {lives.map((live) => (
          <LiveRow key={live.id} live={live} highlighted={live.id === highlightId} />
        ))}
      </TableBody>
    </Table>
  );
}
