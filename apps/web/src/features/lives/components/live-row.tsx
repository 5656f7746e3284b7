import type { LiveDto } from '@recflow/contracts';
import { EyeIcon } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { cn } from '@/shared/lib/cn';
import { formatAge, formatCount, formatDateTime } from '@/shared/lib/format';
import { TableCell, TableRow } from '@/shared/ui/table';
import { LiveActionsMenu } from './live-actions-menu';
import { LiveChannel } from './live-channel';
import { LiveNodeBadges } from './live-node-badges';
import { LiveStatusBadge } from './live-status-badge';
import { SegmentCounts } from './segment-counts';

export function LiveRow({ live, highlighted }: { live: LiveDto; highlighted: boolean }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  return (
    <TableRow
      ref={ref}
      data-live-id={live.id}
      data-highlighted={highlighted || undefined}
      className={cn(
        highlighted && 'bg-primary/10 hover:bg-primary/15',
        live.status === 'failed' && 'bg-destructive/5',
        live.status === 'deleted' && 'text-muted-foreground',
      )}
    >
      <TableCell className="max-w-60 min-w-48">
        <LiveChannel channel={live.channel} />
      </TableCell>
      <TableCell className="w-full max-w-0 min-w-40">
        <Link
          to={`/lives/${live.id}`}
          title={live.liveTitle}
          className="line-clamp-2 break-words hover:underline"
        >
          {live.liveTitle || <span className="text-muted-foreground">(untitled)</span>}
        </Link>
        {live.isAdult && <span className="text-xs font-medium text-destructive">19+</span>}
      </TableCell>
      <TableCell className="text-right whitespace-nowrap tabular-nums">
        <span className="inline-flex items-center gap-1" title={`${formatCount(live.viewCnt)} viewers`}>
          <EyeIcon className="size-3.5 text-muted-foreground" aria-hidden />
          {formatCount(live.viewCnt)}
        </span>
      </TableCell>
      <TableCell className="min-w-36">
        <LiveNodeBadges nodes={live.nodes} />
      </TableCell>
      <TableCell>
        <LiveStatusBadge live={live} />
      </TableCell>
      <TableCell className="text-xs whitespace-nowrap" title={formatDateTime(live.createdAt)}>
        {formatAge(live.createdAt)}
      </TableCell>
      <TableCell>
        <SegmentCounts segments={live.segments} />
      </TableCell>
      <TableCell className="w-9 px-1 text-right">
        <LiveActionsMenu live={live} />
      </TableCell>
    </TableRow>
  );
}
