import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/** Every node with its group and its current load (bound lives). */
export const nodesQueryOptions = () =>
  queryOptions({
    queryKey: nodeKeys.list(),
    queryFn: ({ signal }) => call(api.nodes.list, {}, { signal }),
    refetchInterval: WATCH_REFRESH_MS,
  });

export function useNodes() {
  return useQuery(nodesQueryOptions());
}
