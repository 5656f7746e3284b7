/** Why recflow recorded a live: a criterion (and what of it matched), a followed channel, or an operator. */
import type { RecordedReason as Reason } from '@recflow/contracts';
import { Link } from 'react-router';
import { formatCount } from '@/shared/lib/format';
import { Badge } from '@/shared/ui/badge';

export function RecordedReason({ reason, platform }: { reason: Reason | null; platform: string }) {
  if (!reason) return <span className="text-muted-foreground">Not recorded for this live</span>;
  if (reason.by === 'manual') return <>Recorded because an operator started it</>;
  if (reason.by === 'followed') return <>Recorded because the channel is followed</>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      Recorded because criterion{' '}
      <Link to={`/criteria?platform=${platform}`} className="font-medium underline-offset-4 hover:underline">
        {reason.criterionName}
      </Link>{' '}
      matched
      {reason.matched.map((m) => (
        <Badge key={m} variant="outline">
          {m}
        </Badge>
      ))}
      <span className="text-muted-foreground">with {formatCount(reason.viewCnt)} viewers</span>
    </span>
  );
}
