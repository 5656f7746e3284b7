import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';

/** What a logging-only criterion saw in the last three days, newest first. */
export const criterionHistoryQueryOptions = (id: string) =>
  queryOptions({
    queryKey: criterionKeys.history(id),
    queryFn: ({ signal }) => call(api.criteria.history, { params: { id } }, { signal }),
    staleTime: 10_000,
  });

export function useCriterionHistory(id: string, enabled: boolean) {
  return useQuery({ ...criterionHistoryQueryOptions(id), enabled });
}
