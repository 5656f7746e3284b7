import type { NodeRecordings } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '@/shared/api/api-error';
import { Badge } from '@/shared/ui/badge';
import { Spinner } from '@/shared/ui/spinner';

/** What the node said when recflow asked it for its recordings: reachable, or why not. */
export function NodeReachability({ status }: { status: UseQueryResult<NodeRecordings> | undefined }) {
  if (!status || status.isPending)
    return <Spinner label="Asking the node" className="text-muted-foreground" />;
  if (!status.data) {
    return (
      <Badge variant="muted" title={errorMessage(status.error)}>
        unknown
      </Badge>
    );
  }
  const { reachable, error, recordings } = status.data;
  if (!reachable) {
    return (
      <div className="grid max-w-48 justify-items-start gap-0.5">
        <Badge variant="destructive">unreachable</Badge>
        <span className="line-clamp-2 text-xs wrap-anywhere text-destructive" title={error ?? undefined}>
          {error}
        </span>
      </div>
    );
  }
  return (
    <div className="grid justify-items-start gap-0.5">
      <Badge variant="success">reachable</Badge>
      <span className="text-xs whitespace-nowrap text-muted-foreground">
        {recordings.length} recording{recordings.length === 1 ? '' : 's'}
      </span>
    </div>
  );
}
