import { formatCount } from '@/shared/lib/format';
import { Card } from '@/shared/ui/card';
import { PageRange, pageRange } from '@/shared/ui/page-range';
import { Pagination } from '@/shared/ui/pagination';
import { QueryView } from '@/shared/ui/query-view';
import { RefreshStamp } from '@/shared/ui/refresh-stamp';
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
  const { pageCount } = pageRange(filters.page, RECORDINGS_PAGE_SIZE, data?.total ?? 0);

  return (
    // min-w-0: a wide table scrolls inside the card instead of widening the page's grid.
    <Card className="min-w-0">
      <div className="border-b px-4 py-3">
        <RecordingFilterBar filters={filters} onChange={update} />
      </div>
      <QueryView
        result={result}
        loadingLabel="Loading recordings"
        failedTitle="Recordings could not be loaded"
        reportFailedRefresh
      >
        {(page) => (
          <RecordingTable recordings={page.items} filtered={hasActiveFilters(filters) || filters.page > 1} />
        )}
      </QueryView>
      {data && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-2.5 text-xs text-muted-foreground">
          <PageRange
            page={filters.page}
            size={RECORDINGS_PAGE_SIZE}
            total={data.total}
            rows={data.items.length}
            empty={`${formatCount(data.total)} recordings`}
            testId="recording-count"
          />
          {pageCount > 1 && (
            <Pagination page={filters.page} pageCount={pageCount} onPage={(page) => update({ page })} />
          )}
          <RefreshStamp updatedAt={result.dataUpdatedAt} fetching={result.isFetching} />
        </div>
      )}
    </Card>
  );
}
