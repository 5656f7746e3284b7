import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys, tagKeys } from '@/shared/api/query-keys';

export function useDetachTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { channelId: string; tagId: string }) => call(api.tags.detach, { body }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
        queryClient.invalidateQueries({ queryKey: tagKeys.all }),
      ]);
    },
  });
}
