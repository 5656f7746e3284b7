import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { liveKeys, nodeKeys, recordingKeys, timelineKeys } from '@/shared/api/query-keys';

export type EndLiveBody = RouteRequest<typeof api.lives.remove>['body'];

/**
 * Finishes (keeps), cancels (discards) or purges a live. A finish answers at once with the live
 * `finalizing`; asking again while it finishes answers with the same state, never a second event.
 */
export function useEndLive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EndLiveBody) => call(api.lives.remove, { body }),
    onSuccess: async () => {
      // Finishing releases nodes (their load), writes timeline events and adds a recording.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: liveKeys.all }),
        queryClient.invalidateQueries({ queryKey: nodeKeys.all }),
        queryClient.invalidateQueries({ queryKey: timelineKeys.all }),
        queryClient.invalidateQueries({ queryKey: recordingKeys.all }),
      ]);
    },
  });
}
