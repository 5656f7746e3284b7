import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { liveKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/** One live with each bound node asked for its recorder; a dead node is an answer, not an error. */
export const liveQueryOptions = (id: string) =>
  queryOptions({
    queryKey: liveKeys.detail(id),
    queryFn: ({ signal }) => call(api.lives.get, { params: { id } }, { signal }),
    refetchInterval: WATCH_REFRESH_MS,
  });

export function useLive(id: string) {
  return useQuery(liveQueryOptions(id));
}
