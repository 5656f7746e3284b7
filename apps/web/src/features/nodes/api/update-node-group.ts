import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { liveKeys, nodeGroupKeys, nodeKeys } from '@/shared/api/query-keys';

export type UpdateNodeGroupInput = RouteRequest<typeof api.nodeGroups.update>['body'];

export function useUpdateNodeGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateNodeGroupInput }) =>
      call(api.nodeGroups.update, { params: { id }, body }),
    onSuccess: async () => {
      // Nodes, and the lives' node badges, show their group's name.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: nodeGroupKeys.all }),
        queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
        queryClient.invalidateQueries({ queryKey: liveKeys.all }),
      ]);
    },
  });
}
