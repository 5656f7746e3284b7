import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { liveKeys, nodeGroupKeys, nodeKeys } from '@/shared/api/query-keys';

export type UpdateNodeInput = RouteRequest<typeof api.nodes.update>['body'];

/** A partial update: cordon, capacity, group, name… only the fields given change. */
export function useUpdateNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateNodeInput }) =>
      call(api.nodes.update, { params: { id }, body }),
    onSuccess: async () => {
      // A node moved between groups changes both counts; lives show their nodes' names and groups.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
        queryClient.invalidateQueries({ queryKey: nodeGroupKeys.all }),
        queryClient.invalidateQueries({ queryKey: liveKeys.all }),
      ]);
    },
  });
}
