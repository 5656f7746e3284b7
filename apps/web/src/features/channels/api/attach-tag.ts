import { api } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys, tagKeys } from '@/shared/api/query-keys';

/** Attaches a tag by name; the server creates the tag when it is new. */
export function useAttachTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { channelId: string; tagName: string }) => call(api.tags.attach, { body }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
        queryClient.invalidateQueries({ queryKey: tagKeys.all }),
      ]);
    },
  });
}
