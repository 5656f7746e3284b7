import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';

export type UpdateCriterionInput = RouteRequest<typeof api.criteria.update>['body'];

export function useUpdateCriterion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCriterionInput }) =>
      call(api.criteria.update, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: criterionKeys.lists() }),
  });
}
