import { api, type CriterionDto, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';

export type CreateChzzkCriterionInput = RouteRequest<typeof api.criteria.createChzzk>['body'];
export type CreateSoopCriterionInput = RouteRequest<typeof api.criteria.createSoop>['body'];
export type CreateCriterionInput =
  | { platform: 'chzzk'; body: CreateChzzkCriterionInput }
  | { platform: 'soop'; body: CreateSoopCriterionInput };

export function useCreateCriterion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCriterionInput): Promise<CriterionDto> =>
      input.platform === 'chzzk'
        ? call(api.criteria.createChzzk, { body: input.body })
        : call(api.criteria.createSoop, { body: input.body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: criterionKeys.lists() }),
  });
}
