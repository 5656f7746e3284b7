import type { SegmentCounts as SegmentCountsDto } from '@recflow/contracts';
import { CheckIcon, RotateCwIcon, XIcon } from 'lucide-react';
import { formatCount } from '@/shared/lib/format';

/** Segments recorded, failed and being retried, from recnode's segment sets. */
export function SegmentCounts({ segments }: { segments: SegmentCountsDto | null }) {
  if (!segments) {
    return (
      <span className="text-muted-foreground" title="The recnode Redis could not be read">
        —
      </span>
    );
  }
  const { success, failed, retrying } = segments;
  const summary = `${formatCount(success)} recorded, ${formatCount(failed)} failed, ${formatCount(retrying)} retrying`;
  return (
    <span className="text-sm whitespace-nowrap tabular-nums" title={summary}>
      <span className="sr-only">{`Segments: ${summary}`}</span>
      <span
        className="inline-flex items-center gap-2.5 [&>span]:inline-flex [&>span]:items-center [&>span]:gap-0.5 [&_svg]:size-3.5"
        aria-hidden
      >
        <span>
          <CheckIcon className="text-success" />
          {formatCount(success)}
        </span>
        <span className={failed > 0 ? 'text-destructive' : 'text-muted-foreground'}>
          <XIcon />
          {formatCount(failed)}
        </span>
        <span className={retrying > 0 ? 'font-medium [&_svg]:text-warning' : 'text-muted-foreground'}>
          <RotateCwIcon />
          {formatCount(retrying)}
        </span>
      </span>
    </span>
  );
}
