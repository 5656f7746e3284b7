import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { recordingKeys } from '@/shared/api/query-keys';

/** What recnode uploaded to S3 for one live; asked only when the operator opens the row. */
export const recordingObjectsQueryOptions = (liveId: string) =>
  queryOptions({
    queryKey: recordingKeys.objects(liveId),
    queryFn: ({ signal }) => call(api.recordings.objects, { params: { liveId } }, { signal }),
    // A failing S3 (502) says so at once; retrying would only delay the message.
    retry: false,
    staleTime: 30_000,
  });

export function useRecordingObjects(liveId: string) {
  return useQuery(recordingObjectsQueryOptions(liveId));
}
