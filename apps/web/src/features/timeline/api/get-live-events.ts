import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { timelineKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/** A live's audit events, newest first; asked again on the watch interval while `watch` is on. */
export const liveEventsQueryOptions = (liveId: string, watch = true) =>
  queryOptions({
    queryKey: timelineKeys.live(liveId),
    queryFn: ({ signal }) => call(api.audit.ofLive, { params: { id: liveId } }, { signal }),
    refetchInterval: watch ? WATCH_REFRESH_MS : false,
  });

export function useLiveEvents(liveId: string, watch: boolean) {
  return useQuery(liveEventsQueryOptions(liveId, watch));
}
