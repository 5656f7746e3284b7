import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';

export type AddCriterionUnitInput = RouteRequest<typeof api.criteria.addUnit>['body'];

export function useAddCriterionUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddCriterionUnitInput) => call(api.criteria.addUnit, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: criterionKeys.lists() }),
  });
}
