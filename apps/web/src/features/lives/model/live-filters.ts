/**
 * The lives table's view, kept in the URL so a reload or a shared link shows the same lives.
 * Status, platform, group and node go to the server (a node's lives may be older than the newest
 * page of all lives); the text filter and the order apply in the browser to what came back.
 * Parsing is lenient: a hand-edited URL falls back to defaults instead of failing the page.
 */
import {
  type api,
  Id,
  LIVE_STATUSES,
  type LiveDto,
  LiveStatus,
  PlatformName,
  type RouteRequest,
} from '@recflow/contracts';

/** `active` is the server's default (initializing, recording, finalizing). */
export type StatusFilter = 'active' | 'all' | LiveStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['active', 'all', ...LIVE_STATUSES];

export const LIVE_SORTS = ['since', 'viewers', 'title'] as const;
export type LiveSort = (typeof LIVE_SORTS)[number];
export type SortDir = 'asc' | 'desc';

/** The direction a column sorts in first: newest and most watched on top, titles A to Z. */
export const FIRST_DIR: Record<LiveSort, SortDir> = { since: 'desc', viewers: 'desc', title: 'asc' };

export interface LiveFilters {
  status: StatusFilter;
  platform?: PlatformName;
  groupId?: string;
  nodeId?: string;
  text?: string;
  sort: LiveSort;
  dir: SortDir;
}

export type LiveListQuery = NonNullable<RouteRequest<typeof api.lives.list>['query']>;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

function id(value: string | null): string | undefined {
  return Id.safeParse(value).success ? (value as string) : undefined;
}

export function parseLiveFilters(params: URLSearchParams): LiveFilters {
  const sort = oneOf(LIVE_SORTS, params.get('sort')) ?? 'since';
  const platform = PlatformName.safeParse(params.get('pf'));
  return {
    status: oneOf(STATUS_FILTERS, params.get('status')) ?? 'active',
    platform: platform.success ? platform.data : undefined,
    groupId: id(params.get('group')),
    nodeId: id(params.get('node')),
    text: params.get('q')?.trim() || undefined,
    sort,
    dir: oneOf(['asc', 'desc'] as const, params.get('dir')) ?? FIRST_DIR[sort],
  };
}

/** The URL form: defaults are left out so shared links stay short. */
export function toSearchParams(filters: LiveFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== 'active') params.set('status', filters.status);
  if (filters.platform) params.set('pf', filters.platform);
  if (filters.groupId) params.set('group', filters.groupId);
  if (filters.nodeId) params.set('node', filters.nodeId);
  if (filters.text) params.set('q', filters.text);
  if (filters.sort !== 'since') params.set('sort', filters.sort);
  if (filters.dir !== FIRST_DIR[filters.sort]) params.set('dir', filters.dir);
  return params;
}

export function toLiveQuery(filters: LiveFilters): LiveListQuery {
  return {
    status: filters.status === 'active' ? undefined : filters.status,
    platform: filters.platform,
    groupId: filters.groupId,
    nodeId: filters.nodeId,
  };
}

export function hasActiveFilters(filters: LiveFilters): boolean {
  return Boolean(
    filters.status !== 'active' || filters.platform || filters.groupId || filters.nodeId || filters.text,
  );
}

const COMPARE: Record<LiveSort, (a: LiveDto, b: LiveDto) => number> = {
  since: (a, b) => a.createdAt.localeCompare(b.createdAt),
  viewers: (a, b) => a.viewCnt - b.viewCnt,
  title: (a, b) => a.liveTitle.localeCompare(b.liveTitle),
};

/** The lives to show: those whose channel or title contains the text, in the chosen order. */
export function viewOf(lives: LiveDto[], filters: LiveFilters): LiveDto[] {
  const needle = filters.text?.toLowerCase();
  const shown = needle
    ? lives.filter((live) =>
        [live.channel.username, live.channel.sourceId, live.liveTitle].some((s) =>
          s.toLowerCase().includes(needle),
        ),
      )
    : [...lives];
  const sign = filters.dir === 'asc' ? 1 : -1;
  // Ties keep the newest first, so equal viewer counts do not reshuffle on every refresh.
  return shown.sort((a, b) => sign * COMPARE[filters.sort](a, b) || COMPARE.since(b, a));
}
