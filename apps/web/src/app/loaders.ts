/**
 * Route loaders start a page's queries while the page's code is still downloading, so the two
 * do not wait on each other. They never await: the page's own queries show loading and errors.
 */
import type { LoaderFunctionArgs } from 'react-router';
import { channelsQueryOptions } from '@/features/channels/api/get-channels';
import { parseChannelFilters, toChannelQuery } from '@/features/channels/model/channel-filters';
import { criteriaQueryOptions } from '@/features/criteria/api/get-criteria';
import { parsePlatform } from '@/features/criteria/model/criterion-lists';
import { gradesQueryOptions } from '@/features/grades/api/get-grades';
import { liveQueryOptions } from '@/features/lives/api/get-live';
import { livesQueryOptions } from '@/features/lives/api/get-lives';
import { parseLiveFilters, toLiveQuery } from '@/features/lives/model/live-filters';
import { nodeGroupsQueryOptions } from '@/features/nodes/api/get-node-groups';
import { nodesQueryOptions } from '@/features/nodes/api/get-nodes';
import { recordingsQueryOptions } from '@/features/recordings/api/get-recordings';
import { parseRecordingFilters, toRecordingQuery } from '@/features/recordings/model/recording-filters';
import { readinessQueryOptions } from '@/features/system/api/get-readiness';
import { tagsQueryOptions } from '@/features/tags/api/get-tags';
import { liveEventsQueryOptions } from '@/features/timeline/api/get-live-events';
import { nodeEventsQueryOptions } from '@/features/timeline/api/get-node-events';
import { queryClient } from './query-client';

export function livesLoader({ request }: LoaderFunctionArgs): null {
  const filters = parseLiveFilters(new URL(request.url).searchParams);
  void queryClient.prefetchQuery(livesQueryOptions(toLiveQuery(filters)));
  void queryClient.prefetchQuery(nodeGroupsQueryOptions());
  void queryClient.prefetchQuery(nodesQueryOptions());
  return null;
}

export function liveLoader({ params }: LoaderFunctionArgs): null {
  if (params.id) {
    void queryClient.prefetchQuery(liveQueryOptions(params.id));
    void queryClient.prefetchQuery(liveEventsQueryOptions(params.id));
  }
  void queryClient.prefetchQuery(nodesQueryOptions());
  return null;
}

export function nodeLoader({ params }: LoaderFunctionArgs): null {
  void queryClient.prefetchQuery(nodesQueryOptions());
  if (params.id) void queryClient.prefetchQuery(nodeEventsQueryOptions(params.id));
  return null;
}

export function nodesLoader(): null {
  void queryClient.prefetchQuery(nodeGroupsQueryOptions());
  void queryClient.prefetchQuery(nodesQueryOptions());
  return null;
}

export function channelsLoader({ request }: LoaderFunctionArgs): null {
  const filters = parseChannelFilters(new URL(request.url).searchParams);
  void queryClient.prefetchQuery(channelsQueryOptions(toChannelQuery(filters)));
  void queryClient.prefetchQuery(gradesQueryOptions());
  void queryClient.prefetchQuery(tagsQueryOptions());
  return null;
}

export function gradesLoader(): null {
  void queryClient.prefetchQuery(gradesQueryOptions());
  return null;
}

export function tagsLoader(): null {
  void queryClient.prefetchQuery(tagsQueryOptions());
  return null;
}

export function settingsLoader(): null {
  void queryClient.prefetchQuery(readinessQueryOptions());
  return null;
}

export function criteriaLoader({ request }: LoaderFunctionArgs): null {
  const platform = parsePlatform(new URL(request.url).searchParams.get('platform'));
  void queryClient.prefetchQuery(criteriaQueryOptions(platform));
  return null;
}

export function recordingsLoader({ request }: LoaderFunctionArgs): null {
  const filters = parseRecordingFilters(new URL(request.url).searchParams);
  void queryClient.prefetchQuery(recordingsQueryOptions(toRecordingQuery(filters)));
  return null;
}
