import { api, type NodeRecordings } from '@recflow/contracts';
import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { nodeKeys } from '@/shared/api/query-keys';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';

/**
 * Each node asked for its recordings, one query per node and all in parallel, so a slow or dead
 * node delays and marks only its own row. An unreachable node is an answer (`reachable: false`),
 * not an error; an error here means recflow itself did not answer.
 */
export function useNodeStatuses(names: string[]): Map<string, UseQueryResult<NodeRecordings>> {
  const results = useQueries({
    queries: names.map((nodeName) => ({
      queryKey: nodeKeys.status(nodeName),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(api.nodes.status, { params: { nodeName } }, { signal }),
      refetchInterval: WATCH_REFRESH_MS,
      retry: false,
    })),
  });
  return new Map(names.map((name, i) => [name, results[i]!]));
}
