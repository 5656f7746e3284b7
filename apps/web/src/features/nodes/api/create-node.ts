import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeGroupKeys, nodeKeys } from '@/shared/api/query-keys';

export type CreateNodeInput = RouteRequest<typeof api.nodes.create>['body'];

export function useCreateNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNodeInput) => call(api.nodes.create, { body }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
        queryClient.invalidateQueries({ queryKey: nodeGroupKeys.all }),
      ]);
    },
  });
}
