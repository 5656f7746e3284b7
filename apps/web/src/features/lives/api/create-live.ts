import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { liveKeys, nodeKeys } from '@/shared/api/query-keys';

export type CreateLiveInput = RouteRequest<typeof api.lives.create>['body'];

/**
 * Records a live now. A 201 may still carry `status: 'failed'` when no node started it: the
 * caller must look at the answer, not only at success.
 */
export function useCreateLive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLiveInput) => call(api.lives.create, { body }),
    onSuccess: async () => {
      // The new live binds nodes, whose load the nodes page shows.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: liveKeys.all }),
        queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
      ]);
    },
  });
}
