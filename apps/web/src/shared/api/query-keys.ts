/**
 * Query-key factories, one per domain. They live together because the domains' data overlaps:
 * a channel answer embeds its grade and tags, and a tag's channel count moves when a channel
 * changes, so a mutation in one feature invalidates another feature's queries by these keys.
 */
import type { ChannelQueryInput } from '@recflow/contracts';

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
