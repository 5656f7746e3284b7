import { api, type ImportBody } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys, tagKeys } from '@/shared/api/query-keys';

export function useImportChannels() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportBody) => call(api.channels.import, { body }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
        queryClient.invalidateQueries({ queryKey: tagKeys.all }),
      ]);
    },
  });
}
