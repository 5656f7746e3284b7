import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys, tagKeys } from '@/shared/api/query-keys';

export type CreateChannelInput = RouteRequest<typeof api.channels.create>['body'];

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelInput) => call(api.channels.create, { body }),
    onSuccess: async () => {
      // New tag names are created with the channel, and tag counts move.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
        queryClient.invalidateQueries({ queryKey: tagKeys.all }),
      ]);
    },
  });
}
