import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeGroupKeys, nodeKeys } from '@/shared/api/query-keys';

/** The server refuses (409, naming the live count) while lives are bound to the node. */
export function useDeleteNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.nodes.remove, { params: { id } }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
        queryClient.invalidateQueries({ queryKey: nodeGroupKeys.all }),
      ]);
    },
  });
}
