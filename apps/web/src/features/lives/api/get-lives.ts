import { api } from '@recflow/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { liveKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import type { LiveListQuery } from '../model/live-filters';

export const livesQueryOptions = (query: LiveListQuery) =>
  queryOptions({
    queryKey: liveKeys.list(query),
    queryFn: ({ signal }) => call(api.lives.list, { query }, { signal }),
    refetchInterval: WATCH_REFRESH_MS,
  });

/** The lives the server filters to; the previous list stays on screen while a new filter loads. */
export function useLives(query: LiveListQuery) {
  return useQuery({ ...livesQueryOptions(query), placeholderData: keepPreviousData });
}
