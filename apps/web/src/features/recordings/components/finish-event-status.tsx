import type { RecordingDto } from '@recflow/contracts';
import { ClockIcon, SendIcon } from 'lucide-react';
import { formatAge, formatDateTime } from '@/shared/lib/format';

/** The SQS finish event vodify reads: when it was sent, or that it still waits in the outbox. */
export function FinishEventStatus({ event }: { event: RecordingDto['finishEvent'] }) {
  if (!event) {
    return (
      <span className="text-muted-foreground" title="No finish event: nothing was recorded">
        —
      </span>
    );
  }
  const sent = event.sentAt !== null;
  const Icon = sent ? SendIcon : ClockIcon;
  return (
    <div
      className="grid gap-0.5 text-xs"
      title={
        sent
          ? `${event.status} sent ${formatDateTime(event.sentAt)}`
          : `The ${event.status} event waits in the outbox; the relay retries until SQS takes it`
      }
    >
      <span className="inline-flex items-center gap-1 font-medium">
        <Icon className={sent ? 'size-3.5 text-success' : 'size-3.5 text-warning'} aria-hidden />
        {event.status}
      </span>
      <span className="whitespace-nowrap text-muted-foreground">
        {sent ? `sent ${formatAge(event.sentAt)}` : 'waiting in the outbox'}
      </span>
    </div>
  );
}
