import { api, type RecordingQueryInput } from '@recflow/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { recordingKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/**
 * A page of finished lives. Asked again on the watch interval: lives keep ending, and a loss
 * report or a sent finish event arrives some time after the end.
 */
export const recordingsQueryOptions = (query: RecordingQueryInput) =>
  queryOptions({
    queryKey: recordingKeys.list(query),
    queryFn: ({ signal }) => call(api.recordings.list, { query }, { signal }),
    refetchInterval: WATCH_REFRESH_MS,
  });

/** The previous page stays on screen while another page or filter loads. */
export function useRecordings(query: RecordingQueryInput) {
  return useQuery({ ...recordingsQueryOptions(query), placeholderData: keepPreviousData });
}
