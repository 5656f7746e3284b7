import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useUiStore } from '@/shared/stores/ui-store';
import { type ChannelFilters, parseChannelFilters, toSearchParams } from '../model/channel-filters';

/**
 * The channel view from the URL, and a setter that writes it back. Changing anything but the
 * page returns to page 1, since the old page number means nothing under new filters.
 */
export function useChannelFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseChannelFilters(params), [params]);
  const remember = useUiStore((s) => s.rememberChannelSearch);

  const search = params.toString();
  useEffect(() => remember(search ? `?${search}` : ''), [search, remember]);

  const update = useCallback(
    (patch: Partial<ChannelFilters>) => setParams(toSearchParams({ ...filters, page: 1, ...patch })),
    [filters, setParams],
  );

  return { filters, update };
}
