import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';

export function useRemoveCriterionUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.criteria.removeUnit, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: criterionKeys.lists() }),
  });
}
