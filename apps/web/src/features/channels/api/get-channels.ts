import { api, type ChannelQueryInput } from '@recflow/contracts';
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '@/shared/api/client';
import { channelKeys } from '@/shared/api/query-keys';
import { type ChannelFilters, toChannelQuery } from '../model/channel-filters';

export const channelsQueryOptions = (query: ChannelQueryInput) =>
  queryOptions({
    queryKey: channelKeys.list(query),
    queryFn: ({ signal }) => call(api.channels.query, { query }, { signal }),
  });

/**
 * One page of channels for the view. The previous page stays on screen while the next loads,
 * and the page after the current one is fetched ahead, as paging forward is the common move.
 */
export function useChannelPage(filters: ChannelFilters) {
  const queryClient = useQueryClient();
  const result = useQuery({
    ...channelsQueryOptions(toChannelQuery(filters)),
    placeholderData: keepPreviousData,
  });
  const total = result.isPlaceholderData ? undefined : result.data?.total;

  useEffect(() => {
    if (total === undefined || filters.page * filters.size >= total) return;
    void queryClient.prefetchQuery(
      channelsQueryOptions(toChannelQuery({ ...filters, page: filters.page + 1 })),
    );
  }, [total, filters, queryClient]);

  return result;
}
