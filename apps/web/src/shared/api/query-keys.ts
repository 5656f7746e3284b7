/**
 * Query-key factories, one per domain. They live together because the domains' data overlaps:
 * a channel answer embeds its grade and tags, and a tag's channel count moves when a channel
 * changes; a live embeds its nodes and their groups, and a node's load moves with its lives. So a
 * mutation in one feature invalidates another feature's queries by these keys.
 */
import type { api, ChannelQueryInput, RecordingQueryInput, RouteRequest } from '@recflow/contracts';

type LiveListQuery = NonNullable<RouteRequest<typeof api.lives.list>['query']>;

export const channelKeys = {
  all: ['channels'] as const,
  lists: () => [...channelKeys.all, 'list'] as const,
  list: (query: ChannelQueryInput) => [...channelKeys.lists(), query] as const,
};

export const gradeKeys = {
  all: ['grades'] as const,
  list: () => [...gradeKeys.all, 'list'] as const,
};

export const tagKeys = {
  all: ['tags'] as const,
  list: () => [...tagKeys.all, 'list'] as const,
};

export const healthKeys = {
  all: ['health'] as const,
  readiness: () => [...healthKeys.all, 'readiness'] as const,
  link: (href: string) => [...healthKeys.all, 'link', href] as const,
};

export const liveKeys = {
  all: ['lives'] as const,
  lists: () => [...liveKeys.all, 'list'] as const,
  list: (query: LiveListQuery) => [...liveKeys.lists(), query] as const,
  details: () => [...liveKeys.all, 'detail'] as const,
  detail: (id: string) => [...liveKeys.details(), id] as const,
};

export const nodeKeys = {
  all: ['nodes'] as const,
  list: () => [...nodeKeys.all, 'list'] as const,
  statuses: () => [...nodeKeys.all, 'status'] as const,
  status: (name: string) => [...nodeKeys.statuses(), name] as const,
};

/** A drain's progress, by the id its start answered with. */
export const drainKeys = {
  all: ['drains'] as const,
  detail: (id: string) => [...drainKeys.all, id] as const,
};

export const nodeGroupKeys = {
  all: ['node-groups'] as const,
  list: () => [...nodeGroupKeys.all, 'list'] as const,
};

/** Criteria per platform tab; a unit change answers with the whole criterion, so lists refetch. */
export const criterionKeys = {
  all: ['criteria'] as const,
  lists: () => [...criterionKeys.all, 'list'] as const,
  list: (platform: 'chzzk' | 'soop') => [...criterionKeys.lists(), platform] as const,
  history: (id: string) => [...criterionKeys.all, 'history', id] as const,
};

/** Audit events: a live's and a node's timeline. Finishing, failover and drains add to both. */
export const timelineKeys = {
  all: ['timelines'] as const,
  live: (id: string) => [...timelineKeys.all, 'live', id] as const,
  node: (id: string) => [...timelineKeys.all, 'node', id] as const,
};

/** Finished lives by filter and page, and each one's objects in S3. */
export const recordingKeys = {
  all: ['recordings'] as const,
  lists: () => [...recordingKeys.all, 'list'] as const,
  list: (query: RecordingQueryInput) => [...recordingKeys.lists(), query] as const,
  objects: (liveId: string) => [...recordingKeys.all, 'objects', liveId] as const,
};
