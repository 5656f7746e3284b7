/**
 * The channel list's view, kept in the URL with the original dashboard's parameter names
 * (`p,s,st,gr,pf,it,et,uid,uname`) so a link reproduces the view. Parsing is lenient: a
 * hand-edited URL falls back to defaults instead of failing the page.
 */
import {
  CHANNEL_SORTS,
  type ChannelQueryInput,
  type ChannelSort,
  MAX_PAGE_SIZE,
  PlatformName,
} from '@recflow/contracts';

export interface ChannelFilters {
  page: number;
  size: number;
  sort: ChannelSort;
  grade?: string;
  platform?: PlatformName;
  include: string[];
  exclude: string[];
  uid?: string;
  uname?: string;
}

export const DEFAULT_PAGE_SIZE = 10;
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_SORT: ChannelSort = 'updatedAt';

export const SORT_LABELS: Record<ChannelSort, string> = {
  updatedAt: 'Update date',
  createdAt: 'Create date',
  followerCnt: 'Follower count',
};

function positiveInt(text: string | null, fallback: number, max: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
}

function tagList(text: string | null): string[] {
  const names = (text ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return [...new Set(names)];
}

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function parseChannelFilters(params: URLSearchParams): ChannelFilters {
  const include = tagList(params.get('it'));
  const sort = params.get('st');
  const platform = PlatformName.safeParse(params.get('pf'));
  return {
    page: positiveInt(params.get('p'), 1, 1_000_000),
    size: positiveInt(params.get('s'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    sort: CHANNEL_SORTS.find((s) => s === sort) ?? DEFAULT_SORT,
    grade: text(params.get('gr')),
    platform: platform.success ? platform.data : undefined,
    include,
    // The API refuses a tag that is both included and excluded; the include wins.
    exclude: tagList(params.get('et')).filter((t) => !include.includes(t)),
    uid: text(params.get('uid')),
    uname: text(params.get('uname')),
  };
}

/** The URL form: defaults are left out so shared links stay short. */
export function toSearchParams(filters: ChannelFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.page !== 1) params.set('p', String(filters.page));
  if (filters.size !== DEFAULT_PAGE_SIZE) params.set('s', String(filters.size));
  if (filters.sort !== DEFAULT_SORT) params.set('st', filters.sort);
  if (filters.grade) params.set('gr', filters.grade);
  if (filters.platform) params.set('pf', filters.platform);
  if (filters.include.length > 0) params.set('it', filters.include.join(','));
  if (filters.exclude.length > 0) params.set('et', filters.exclude.join(','));
  if (filters.uid) params.set('uid', filters.uid);
  if (filters.uname) params.set('uname', filters.uname);
  return params;
}

/** The API query for a view; tags are always requested because every row shows them. */
export function toChannelQuery(filters: ChannelFilters): ChannelQueryInput {
  return {
    p: filters.page,
    s: filters.size,
    st: filters.sort,
    gr: filters.grade,
    pf: filters.platform,
    it: filters.include.length > 0 ? filters.include.join(',') : undefined,
    et: filters.exclude.length > 0 ? filters.exclude.join(',') : undefined,
    uid: filters.uid,
    uname: filters.uname,
    wt: 'true',
  };
}

export function hasActiveFilters(filters: ChannelFilters): boolean {
  return Boolean(
    filters.grade ||
      filters.platform ||
      filters.include.length ||
      filters.exclude.length ||
      filters.uid ||
      filters.uname,
  );
}
