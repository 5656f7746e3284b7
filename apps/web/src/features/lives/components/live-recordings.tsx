import type { LiveDetailDto } from '@recflow/contracts';
import { ServerOffIcon, TriangleAlertIcon } from 'lucide-react';
import { formatAge, formatDateTime } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Badge } from '@/shared/ui/badge';
import { Card, CardContent } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { RecorderStats } from '@/shared/ui/recorder-stats';
import { RecorderStatusBadge } from '@/shared/ui/recorder-status-badge';

type Recording = LiveDetailDto['recordings'][number];

function RecordingCard({ recording, live }: { recording: Recording; live: LiveDetailDto }) {
  const bound = live.nodes.find((n) => n.id === recording.nodeId);
  const recorder = recording.recording;
  return (
    <Card aria-label={`Node ${recording.node}`}>
      <div className="flex flex-wrap items-center gap-2 border-b px-5 py-3">
        <h3 className="font-semibold">{recording.node}</h3>
        {bound && <Badge variant="outline">group {bound.group.name}</Badge>}
        <span className="flex-1" />
        <Badge variant={recording.reachable ? 'success' : 'destructive'}>
          {recording.reachable ? 'reachable' : 'unreachable'}
        </Badge>
      </div>
      <CardContent className="grid gap-3">
        {bound && (
          <p className="text-xs text-muted-foreground" title={formatDateTime(bound.boundAt)}>
            Bound {formatAge(bound.boundAt)} · {bound.endpoint}
          </p>
        )}
        {recording.error && <ErrorAlert>{recording.error}</ErrorAlert>}
        {recording.reachable && !recorder && (
          <p className="flex items-center gap-1.5 text-sm">
            <TriangleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden />
            This node does not run a recorder for this live.
          </p>
        )}
        {recorder && (
          <>
            <div className="flex items-center gap-2 text-sm">
              <span className="text-muted-foreground">Recorder</span>
              <RecorderStatusBadge status={recorder.status} />
              <span className="text-muted-foreground tabular-nums">at segment #{recorder.num}</span>
            </div>
            {recorder.stats && <RecorderStats stats={recorder.stats} />}
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** Each bound node's own view of the recording, asked live by the server. */
export function LiveRecordings({ live }: { live: LiveDetailDto }) {
  return (
    <section className="grid gap-3" aria-label="Nodes recording this live">
      <h2 className="text-base font-semibold">Nodes</h2>
      {live.recordings.length === 0 ? (
        <Card>
          <EmptyState icon={ServerOffIcon} title="No node is bound to this live">
            {live.status === 'failed' ? 'No node started the recording.' : 'Its nodes were released.'}
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {live.recordings.map((recording) => (
            <RecordingCard key={recording.nodeId} recording={recording} live={live} />
          ))}
        </div>
      )}
    </section>
  );
}
