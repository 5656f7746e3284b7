import { RotateCcwIcon } from 'lucide-react';
import { useEffect } from 'react';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card } from '@/shared/ui/card';
import { Spinner } from '@/shared/ui/spinner';
import { useChannelPage } from '../api/get-channels';
import { useChannelFilters } from '../hooks/use-channel-filters';
import type { ChannelCatalog } from '../model/channel-catalog';
import { hasActiveFilters } from '../model/channel-filters';
import { ActiveFilters } from './active-filters';
import { ChannelFilterBar } from './channel-filter-bar';
import { ChannelPageFooter } from './channel-page-footer';
import { ChannelSearch } from './channel-search';
import { ChannelTable } from './channel-table';

/** The channel list: search and filters from the URL, one server page, and the page bar. */
export function ChannelBrowser({ catalog }: { catalog: ChannelCatalog }) {
  const { filters, update } = useChannelFilters();
  const result = useChannelPage(filters);
  const data = result.data;

  // Deleting the last row of the last page leaves an empty page: step back to the new last one.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / filters.size)) : undefined;
  useEffect(() => {
    if (lastPage !== undefined && !result.isPlaceholderData && filters.page > lastPage)
      update({ page: lastPage });
  }, [lastPage, filters.page, result.isPlaceholderData, update]);

  const addIncludeTag = (name: string) => {
    if (!filters.include.includes(name)) {
      update({ include: [...filters.include, name], exclude: filters.exclude.filter((n) => n !== name) });
    }
  };

  return (
    <Card>
      <div className="grid gap-3 border-b px-4 py-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ChannelSearch
            key={`${filters.uid ?? ''}|${filters.uname ?? ''}`}
            filters={filters}
            onSearch={update}
          />
          <ChannelFilterBar filters={filters} catalog={catalog} onChange={update} />
        </div>
        <ActiveFilters filters={filters} onChange={update} />
      </div>
      <div className="relative" aria-busy={result.isFetching}>
        {result.isPending && (
          <div className="flex justify-center py-16">
            <Spinner className="size-6" label="Loading channels" />
          </div>
        )}
        {result.isError && !data && (
          <div className="grid justify-items-start gap-3 p-4">
            <ErrorAlert title="Channels could not be loaded">{errorMessage(result.error)}</ErrorAlert>
            <Button variant="outline" size="sm" onClick={() => void result.refetch()}>
              <RotateCcwIcon /> Try again
            </Button>
          </div>
        )}
        {data && (
          <div className={result.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
            <ChannelTable
              channels={data.channels}
              catalog={catalog}
              filtered={hasActiveFilters(filters)}
              onFilterByTag={addIncludeTag}
            />
          </div>
        )}
      </div>
      {data && data.total > 0 && (
        <ChannelPageFooter
          total={data.total}
          page={filters.page}
          size={filters.size}
          onPage={(page) => update({ page })}
          onSize={(size) => update({ size })}
        />
      )}
    </Card>
  );
}
