import { useEffect } from 'react';
import { Card } from '@/shared/ui/card';
import { pageRange } from '@/shared/ui/page-range';
import { QueryView } from '@/shared/ui/query-view';
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
  const lastPage = data ? pageRange(filters.page, filters.size, data.total).pageCount : undefined;
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
      <QueryView
        result={result}
        loadingLabel="Loading channels"
        failedTitle="Channels could not be loaded"
        className="relative"
      >
        {(page) => (
          <ChannelTable
            channels={page.channels}
            catalog={catalog}
            filtered={hasActiveFilters(filters)}
            onFilterByTag={addIncludeTag}
          />
        )}
      </QueryView>
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
