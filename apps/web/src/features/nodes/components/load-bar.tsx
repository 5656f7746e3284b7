/** @jsxImportSource @emotion/react */
import type { NodeDto } from '@recflow/contracts';
import { cn } from '@/shared/lib/cn';
import { loadShare } from '../model/fleet';

/** Lives bound against capacity: the bar turns amber near the limit and red at it. */
export function LoadBar({ node }: { node: Pick<NodeDto, 'livesCnt' | 'capacity'> }) {
  const share = loadShare(node);
  const tone = share >= 1 ? 'bg-destructive' : share >= 0.75 ? 'bg-warning' : 'bg-primary/75';
  return (
    <div className="grid w-28 gap-1" title={`${node.livesCnt} of ${node.capacity} lives`}>
      <span className="text-sm tabular-nums">
        {node.livesCnt} <span className="text-muted-foreground">/ {node.capacity}</span>
      </span>
      <span className="h-1.5 overflow-hidden rounded-full bg-muted">
        <span
          className={cn('block h-full rounded-full', tone)}
          css={{ width: `${Math.round(share * 100)}%` }}
        />
      </span>
    </div>
  );
}
