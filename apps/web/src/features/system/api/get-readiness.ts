import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { healthKeys } from '@/shared/api/query-keys';

/** `/readyz` answers 503 with the failing checks; that answer is data here, not an error. */
export const readinessQueryOptions = () =>
  queryOptions({
    queryKey: healthKeys.readiness(),
    queryFn: ({ signal }) => call(api.health.ready, {}, { signal, answerStatuses: [503] }),
    refetchInterval: 15_000,
  });

export function useReadiness() {
  return useQuery(readinessQueryOptions());
}
