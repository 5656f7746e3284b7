import { api, type CriterionDto } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';
import type { CriterionPlatform } from '../model/criterion-lists';

/** One platform's criteria with their units; the two platforms keep their own shapes. */
export const criteriaQueryOptions = (platform: CriterionPlatform) =>
  queryOptions({
    queryKey: criterionKeys.list(platform),
    queryFn: ({ signal }): Promise<CriterionDto[]> =>
      platform === 'chzzk'
        ? call(api.criteria.listChzzk, {}, { signal })
        : call(api.criteria.listSoop, {}, { signal }),
    staleTime: 30_000,
  });

export function useCriteria(platform: CriterionPlatform) {
  return useQuery(criteriaQueryOptions(platform));
}
