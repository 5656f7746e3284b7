import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeGroupKeys } from '@/shared/api/query-keys';

export type CreateNodeGroupInput = RouteRequest<typeof api.nodeGroups.create>['body'];

export function useCreateNodeGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNodeGroupInput) => call(api.nodeGroups.create, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nodeGroupKeys.all }),
  });
}
