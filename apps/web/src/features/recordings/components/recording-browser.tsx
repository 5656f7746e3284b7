import { RotateCcwIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import { formatClock, formatCount } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card } from '@/shared/ui/card';
import { Pagination } from '@/shared/ui/pagination';
import { Spinner } from '@/shared/ui/spinner';
import { useRecordings } from '../api/get-recordings';
import { useRecordingFilters } from '../hooks/use-recording-filters';
import { hasActiveFilters, RECORDINGS_PAGE_SIZE, toRecordingQuery } from '../model/recording-filters';
import { RecordingFilterBar } from './recording-filter-bar';
import { RecordingTable } from './recording-table';

/** Finished lives, newest ended first, filtered and paged by the server with the view in the URL. */
export function RecordingBrowser() {
  const { filters, update } = useRecordingFilters();
  const result = useRecordings(toRecordingQuery(filters));
  const data = result.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / RECORDINGS_PAGE_SIZE)) : 1;
  const first = (filters.page - 1) * RECORDINGS_PAGE_SIZE + 1;

  return (
    // min-w-0: a wide table scrolls inside the card instead of widening the page's grid.
    <Card className="min-w-0">
      <div className="border-b px-4 py-3">
        <RecordingFilterBar filters={filters} onChange={update} />
      </div>
      <div aria-busy={result.isFetching}>
        {result.isPending && (
          <div className="flex justify-center py-16">
            <Spinner className="size-6" label="Loading recordings" />
          </div>
        )}
        {result.isError && (
          <div className="grid justify-items-start gap-3 p-4">
            <ErrorAlert
              title={data ? 'Refreshing failed; showing the last answer' : 'Recordings could not be loaded'}
            >
              {errorMessage(result.error)}
            </ErrorAlert>
            <Button variant="outline" size="sm" onClick={() => void result.refetch()}>
              <RotateCcwIcon /> Try again
            </Button>
          </div>
        )}
        {data && (
          <div className={result.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
            <RecordingTable
              recordings={data.items}
              filtered={hasActiveFilters(filters) || filters.page > 1}
            />
          </div>
        )}
      </div>
      {data && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-2.5 text-xs text-muted-foreground">
          <span data-testid="recording-count">
            {data.items.length === 0
              ? `${formatCount(data.total)} recordings`
              : `${formatCount(first)}–${formatCount(first + data.items.length - 1)} of ${formatCount(data.total)}`}
          </span>
          {pageCount > 1 && (
            <Pagination page={filters.page} pageCount={pageCount} onPage={(page) => update({ page })} />
          )}
          <span className="inline-flex items-center gap-1.5">
            {result.isFetching && <Spinner className="size-3" label="Refreshing" />}
            Updated {formatClock(result.dataUpdatedAt)} · every {WATCH_REFRESH_MS / 1000} s
          </span>
        </div>
      )}
    </Card>
  );
}
