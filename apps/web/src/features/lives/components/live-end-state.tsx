import type { LiveDto } from '@recflow/contracts';
import { CircleCheckIcon, LoaderCircleIcon } from 'lucide-react';
import { Link } from 'react-router';
import { formatAge, formatDateTime } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { FailureReason } from './failure-reason';

const noteClass = 'flex items-start gap-2 rounded-md border bg-card px-3 py-2 text-sm';

/**
 * Where a live is in being finished: under way, given up (it keeps its row and says why),
 * or over. A failed registration is shown by the page itself.
 */
export function LiveEndState({
  live,
}: {
  live: Pick<LiveDto, 'status' | 'failureReason' | 'deletedAt' | 'channel'>;
}) {
  if (live.status === 'finalizing' && live.failureReason) {
    return (
      <ErrorAlert title="Finishing gave up">
        <FailureReason reason={live.failureReason} />
        <p className="mt-1 text-xs">
          The live keeps its record and no finish event was sent. Operators were notified.
        </p>
      </ErrorAlert>
    );
  }
  if (live.status === 'finalizing') {
    return (
      <div role="status" className={noteClass}>
        <LoaderCircleIcon className="mt-0.5 size-4 shrink-0 animate-spin text-muted-foreground" aria-hidden />
        <p>
          <span className="font-medium">Finishing.</span> The recorders were told to stop; recflow waits until
          every node has uploaded (or the finish timeout passed), then ends the live and sends its finish
          event.
        </p>
      </div>
    );
  }
  if (live.status === 'deleted') {
    return (
      <div role="status" className={noteClass}>
        <CircleCheckIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
        <p>
          <span className="font-medium">Ended</span>{' '}
          <span title={formatDateTime(live.deletedAt)}>{formatAge(live.deletedAt)}</span>. How it ended and
          what was recorded is on{' '}
          <Link
            to={`/recordings?q=${encodeURIComponent(live.channel.username)}`}
            className="underline underline-offset-2 hover:text-foreground"
          >
            Recordings
          </Link>
          .
        </p>
      </div>
    );
  }
  return null;
}
