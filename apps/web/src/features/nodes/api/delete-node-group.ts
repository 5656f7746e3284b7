import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeGroupKeys } from '@/shared/api/query-keys';

/** The server refuses (409, naming the node count) while the group has nodes. */
export function useDeleteNodeGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.nodeGroups.remove, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nodeGroupKeys.all }),
  });
}
