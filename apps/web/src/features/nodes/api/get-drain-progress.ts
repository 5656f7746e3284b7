import { api, type DrainProgress } from '@recflow/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '@/shared/api/client';
import { drainKeys, liveKeys, nodeGroupKeys, nodeKeys } from '@/shared/api/query-keys';

/** How often a running drain is asked for its progress. */
const DRAIN_POLL_MS = 1_000;

export function isDrainOver(progress: Pick<DrainProgress, 'state'>): boolean {
  return progress.state === 'completed' || progress.state === 'failed';
}

/** Polled every second until the drain completes or fails; a finished drain never changes again. */
export const drainProgressQueryOptions = (id: string) =>
  queryOptions({
    queryKey: drainKeys.detail(id),
    queryFn: ({ signal }) => call(api.lives.drainProgress, { params: { id } }, { signal }),
    refetchInterval: (query) => (query.state.data && isDrainOver(query.state.data) ? false : DRAIN_POLL_MS),
    refetchIntervalInBackground: true,
    retry: false,
  });

/**
 * The progress of the drain followed, if any; when it ends, the nodes and lives it moved are
 * fetched again.
 */
export function useDrainProgress(id: string | undefined) {
  const queryClient = useQueryClient();
  const query = useQuery({ ...drainProgressQueryOptions(id ?? ''), enabled: id !== undefined });
  const over = query.data !== undefined && isDrainOver(query.data);
  useEffect(() => {
    if (!over) return;
    for (const queryKey of [nodeKeys.all, nodeGroupKeys.all, liveKeys.all]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [over, queryClient]);
  return query;
}
