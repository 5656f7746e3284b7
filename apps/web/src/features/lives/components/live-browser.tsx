import { RotateCcwIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import { formatClock, formatCount } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card } from '@/shared/ui/card';
import { Spinner } from '@/shared/ui/spinner';
import { useLives } from '../api/get-lives';
import { useLiveFilters } from '../hooks/use-live-filters';
import type { FleetOptions } from '../model/fleet-options';
import { FIRST_DIR, hasActiveFilters, type LiveSort, toLiveQuery, viewOf } from '../model/live-filters';
import { LiveFilterBar } from './live-filter-bar';
import { LiveTable } from './live-table';

interface LiveBrowserProps {
  fleet: FleetOptions;
  /** The live just registered from this page, marked so the operator finds it. */
  highlightId?: string;
}

/** The lives table with its filters from the URL, refreshed on its own. */
export function LiveBrowser({ fleet, highlightId }: LiveBrowserProps) {
  const { filters, update } = useLiveFilters();
  const result = useLives(toLiveQuery(filters));
  const data = result.data;

  const sortBy = (column: LiveSort) =>
    update({
      sort: column,
      dir: filters.sort === column ? (filters.dir === 'asc' ? 'desc' : 'asc') : FIRST_DIR[column],
    });
  const lives = data ? viewOf(data, filters) : [];

  return (
    // min-w-0: a wide table scrolls inside the card instead of widening the page's grid.
    <Card className="min-w-0">
      <div className="border-b px-4 py-3">
        <LiveFilterBar filters={filters} fleet={fleet} onChange={update} />
      </div>
      <div aria-busy={result.isFetching}>
        {result.isPending && (
          <div className="flex justify-center py-16">
            <Spinner className="size-6" label="Loading lives" />
          </div>
        )}
        {result.isError && (
          <div className="grid justify-items-start gap-3 p-4">
            <ErrorAlert
              title={data ? 'Refreshing failed; showing the last answer' : 'Lives could not be loaded'}
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
            <LiveTable
              lives={lives}
              filters={filters}
              filtered={hasActiveFilters(filters)}
              highlightId={highlightId}
              onSort={sortBy}
            />
          </div>
        )}
      </div>
      {data && (
        <div className="flex items-center justify-between gap-3 border-t px-4 py-2.5 text-xs text-muted-foreground">
          <span data-testid="live-count">
            {lives.length === data.length
              ? `${formatCount(data.length)} live${data.length === 1 ? '' : 's'}`
              : `${formatCount(lives.length)} of ${formatCount(data.length)} lives`}
          </span>
          <span className="inline-flex items-center gap-1.5">
            {result.isFetching && <Spinner className="size-3" label="Refreshing" />}
            Updated {formatClock(result.dataUpdatedAt)} · every {WATCH_REFRESH_MS / 1000} s
          </span>
        </div>
      )}
    </Card>
  );
}
