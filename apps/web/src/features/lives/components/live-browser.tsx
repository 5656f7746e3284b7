import { formatCount } from '@/shared/lib/format';
import { Card } from '@/shared/ui/card';
import { QueryView } from '@/shared/ui/query-view';
import { RefreshStamp } from '@/shared/ui/refresh-stamp';
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
      <QueryView
        result={result}
        loadingLabel="Loading lives"
        failedTitle="Lives could not be loaded"
        reportFailedRefresh
      >
        {() => (
          <LiveTable
            lives={lives}
            filters={filters}
            filtered={hasActiveFilters(filters)}
            highlightId={highlightId}
            onSort={sortBy}
          />
        )}
      </QueryView>
      {data && (
        <div className="flex items-center justify-between gap-3 border-t px-4 py-2.5 text-xs text-muted-foreground">
          <span data-testid="live-count">
            {lives.length === data.length
              ? `${formatCount(data.length)} live${data.length === 1 ? '' : 's'}`
              : `${formatCount(lives.length)} of ${formatCount(data.length)} lives`}
          </span>
          <RefreshStamp updatedAt={result.dataUpdatedAt} fetching={result.isFetching} />
        </div>
      )}
    </Card>
  );
}
