import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeKeys } from '@/shared/api/query-keys';

/** Puts a drained group back in service: every node of it is uncordoned. */
export function useUndrainNodeGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => call(api.lives.undrain, { body: { groupId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
  });
}
