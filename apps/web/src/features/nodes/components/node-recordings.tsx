import type { NodeRecordings as NodeRecordingsDto } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { PlatformBadge } from '@/shared/ui/platform-badge';
import { RecorderStatsInline } from '@/shared/ui/recorder-stats';
import { RecorderStatusBadge } from '@/shared/ui/recorder-status-badge';
import { Spinner } from '@/shared/ui/spinner';

/** The recorders a node runs, as the node reports them; each links to its live in recflow. */
export function NodeRecordings({
  name,
  status,
}: {
  name: string;
  status: UseQueryResult<NodeRecordingsDto> | undefined;
}) {
  if (!status || status.isPending) return <Spinner label={`Asking ${name}`} />;
  if (!status.data) return <ErrorAlert>{errorMessage(status.error)}</ErrorAlert>;
  const { reachable, error, recordings } = status.data;
  if (!reachable) return <ErrorAlert title={`${name} did not answer`}>{error}</ErrorAlert>;
  if (recordings.length === 0) {
    return <p className="text-sm text-muted-foreground">{name} is not recording anything.</p>;
  }
  return (
    <ul className="grid gap-1.5" aria-label={`Recordings on ${name}`}>
      {recordings.map((recording) => (
        <li key={recording.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <RecorderStatusBadge status={recording.status} />
          <PlatformBadge platform={recording.platform} />
          <span className="font-medium">{recording.channelName}</span>
          <Link
            to={`/lives/${recording.id}`}
            className="font-mono text-xs text-muted-foreground hover:text-foreground hover:underline"
            title="Open the live"
          >
            {recording.id.slice(0, 8)}
          </Link>
          <span className="text-xs text-muted-foreground tabular-nums">segment #{recording.num}</span>
          {recording.stats && <RecorderStatsInline stats={recording.stats} />}
        </li>
      ))}
    </ul>
  );
}
