import type { AuditEventDto } from '@recflow/contracts';
import { Link } from 'react-router';
import { cn } from '@/shared/lib/cn';
import { formatAge, formatClock, formatDateTime } from '@/shared/lib/format';
import { eventKind, TONE_CLASSES } from '../model/event-kinds';

export interface EventListProps {
  events: AuditEventDto[];
  /** Whose timeline this is: a live's events link to their node, a node's to their live. */
  subject: 'live' | 'node';
  /** Node names by id, for links that read as names (a released node is not on the live any more). */
  nodeNames: ReadonlyMap<string, string>;
}

const linkClass = 'font-mono text-xs text-muted-foreground hover:text-foreground hover:underline';

/**
 * A restart (of a live recnode found invalid) links the two records of one broadcast: the old live
 * and the one it became.
 */
function RestartLink({ details }: { details: AuditEventDto['details'] }) {
  const as = typeof details?.restartedAs === 'string' ? details.restartedAs : undefined;
  const from = typeof details?.restartedFrom === 'string' ? details.restartedFrom : undefined;
  const other = as ?? from;
  if (!other) return null;
  return (
    <Link
      to={`/lives/${other}`}
      className={linkClass}
      title={as ? 'Open the live it was restarted as' : 'Open the live it restarted'}
    >
      {as ? 'restarted as' : 'restart of'} live {other.slice(0, 8)}
    </Link>
  );
}

function Subject({ event, subject, nodeNames }: { event: AuditEventDto } & Omit<EventListProps, 'events'>) {
  if (subject === 'live' && event.nodeId) {
    const name = nodeNames.get(event.nodeId);
    return (
      <Link to={`/nodes/${event.nodeId}`} className={linkClass} title="Open the node">
        node {name ?? event.nodeId.slice(0, 8)}
      </Link>
    );
  }
  if (subject === 'node' && event.liveId) {
    return (
      <Link to={`/lives/${event.liveId}`} className={linkClass} title="Open the live">
        live {event.liveId.slice(0, 8)}
      </Link>
    );
  }
  return null;
}

/** Events newest first, each with its time, a readable kind with its icon, the message and a link. */
export function EventList({ events, subject, nodeNames }: EventListProps) {
  return (
    <ol aria-label="Timeline" className="grid">
      {events.map((event) => {
        const kind = eventKind(event.kind);
        const Icon = kind.icon;
        return (
          <li key={event.id} data-kind={event.kind} className="group relative flex gap-3 pb-4 last:pb-0">
            <span aria-hidden className="absolute top-8 bottom-0 left-3.5 w-px bg-border group-last:hidden" />
            <span
              className={cn(
                'z-10 flex size-7 shrink-0 items-center justify-center rounded-full',
                TONE_CLASSES[kind.tone],
              )}
              aria-hidden
            >
              <Icon className="size-3.5" />
            </span>
            <div className="grid min-w-0 flex-1 gap-0.5 pt-0.5">
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                <span className="text-sm font-medium" title={event.kind}>
                  {kind.label}
                </span>
                <time
                  dateTime={event.at}
                  title={formatDateTime(event.at)}
                  className="text-xs text-muted-foreground tabular-nums"
                >
                  {formatClock(Date.parse(event.at))} · {formatAge(event.at)}
                </time>
                <Subject event={event} subject={subject} nodeNames={nodeNames} />
                <RestartLink details={event.details} />
              </div>
              <p className="text-sm text-muted-foreground wrap-anywhere">{event.message}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
