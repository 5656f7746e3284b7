import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys, tagKeys } from '@/shared/api/query-keys';

export type UpdateTagInput = RouteRequest<typeof api.tags.update>['body'];

export function useUpdateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateTagInput }) =>
      call(api.tags.update, { params: { id }, body }),
    onSuccess: async () => {
      // Channel rows embed their tags, so a rename shows there too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: tagKeys.all }),
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
      ]);
    },
  });
}
