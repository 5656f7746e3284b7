import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys } from '@/shared/api/query-keys';

export type UpdateChannelInput = RouteRequest<typeof api.channels.update>['body'];

/** Grade, follow state, description and node preference of one channel. */
export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateChannelInput }) =>
      call(api.channels.update, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.all }),
  });
}
