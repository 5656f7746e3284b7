import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { drainKeys, nodeKeys } from '@/shared/api/query-keys';

/**
 * Starts draining a group: the server cordons its nodes at once and answers 202 with the drain's
 * first progress, which seeds the progress query.
 */
export function useDrainNodeGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groupId: string) => call(api.lives.drain, { body: { groupId } }),
    onSuccess: async (progress) => {
      queryClient.setQueryData(drainKeys.detail(progress.id), progress);
      await queryClient.invalidateQueries({ queryKey: nodeKeys.all });
    },
  });
}
