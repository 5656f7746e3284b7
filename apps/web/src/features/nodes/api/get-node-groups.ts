import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeGroupKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/** Node groups with their node counts, ordered as the server sends them. */
export const nodeGroupsQueryOptions = () =>
  queryOptions({
    queryKey: nodeGroupKeys.list(),
    queryFn: ({ signal }) => call(api.nodeGroups.list, {}, { signal }),
    refetchInterval: WATCH_REFRESH_MS * 2,
  });

export function useNodeGroups() {
  return useQuery(nodeGroupsQueryOptions());
}
