import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { gradeKeys } from '@/shared/api/query-keys';

/** Grades ordered by seq, as the server sends them. */
export const gradesQueryOptions = () =>
  queryOptions({
    queryKey: gradeKeys.list(),
    queryFn: ({ signal }) => call(api.grades.list, {}, { signal }),
    staleTime: 60_000,
  });

export function useGrades() {
  return useQuery(gradesQueryOptions());
}
