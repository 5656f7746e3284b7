import type { AuditEventDto } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { HistoryIcon } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '@/shared/api/api-error';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import { formatClock } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { EventList, type EventListProps } from './event-list';

/** Enough to see what happened lately without a long page; the rest is one click away. */
const FIRST_EVENTS = 20;

interface TimelineCardProps extends Omit<EventListProps, 'events'> {
  result: UseQueryResult<AuditEventDto[]>;
  /** Asked again on the watch interval (while the live is active; always for a node). */
  watching: boolean;
}

export function TimelineCard({ result, watching, subject, nodeNames }: TimelineCardProps) {
  const [all, setAll] = useState(false);
  const events = result.data;
  const shown = events && !all ? events.slice(0, FIRST_EVENTS) : events;
  return (
    <Card aria-label="Timeline">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Timeline</CardTitle>
        {events && (
          <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
            {result.isFetching && <Spinner className="size-3" label="Refreshing" />}
            {events.length} event{events.length === 1 ? '' : 's'} · updated{' '}
            {formatClock(result.dataUpdatedAt)}
            {watching && ` · every ${WATCH_REFRESH_MS / 1000} s`}
          </span>
        )}
      </CardHeader>
      <CardContent className="grid gap-3">
        {result.isPending && <Spinner label="Loading the timeline" />}
        {result.isError && (
          <ErrorAlert
            title={events ? 'Refreshing failed; showing the last answer' : 'The timeline could not be loaded'}
          >
            {errorMessage(result.error)}
          </ErrorAlert>
        )}
        {events?.length === 0 && (
          <EmptyState icon={HistoryIcon} title="Nothing has happened yet">
            {subject === 'live'
              ? 'Registration, nodes added or lost and finishing appear here.'
              : 'Lives this node takes or loses, failures, cordons and drains appear here.'}
          </EmptyState>
        )}
        {shown && shown.length > 0 && <EventList events={shown} subject={subject} nodeNames={nodeNames} />}
        {events && events.length > FIRST_EVENTS && (
          <Button variant="ghost" size="sm" className="justify-self-start" onClick={() => setAll((a) => !a)}>
            {all ? `Show the latest ${FIRST_EVENTS}` : `Show all ${events.length} events`}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
