import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { timelineKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/** A node's audit events, newest first; a node keeps taking and losing lives, so always watched. */
export const nodeEventsQueryOptions = (nodeId: string) =>
  queryOptions({
    queryKey: timelineKeys.node(nodeId),
    queryFn: ({ signal }) => call(api.audit.ofNode, { params: { id: nodeId } }, { signal }),
    refetchInterval: WATCH_REFRESH_MS,
  });

export function useNodeEvents(nodeId: string) {
  return useQuery(nodeEventsQueryOptions(nodeId));
}
