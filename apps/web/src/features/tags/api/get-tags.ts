import { api } from '@recflow/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { tagKeys } from '@/shared/api/query-keys';

/** Every tag with the number of channels carrying it. */
export const tagsQueryOptions = () =>
  queryOptions({
    queryKey: tagKeys.list(),
    queryFn: ({ signal }) => call(api.tags.list, {}, { signal }),
  });

export function useTags() {
  return useQuery(tagsQueryOptions());
}
