import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type LiveFilters, parseLiveFilters, toSearchParams } from '../model/live-filters';

/**
 * The lives view from the URL, and a setter that writes it back. Typing in the search box
 * replaces the history entry instead of adding one per keystroke.
 */
export function useLiveFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseLiveFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<LiveFilters>) =>
      setParams(toSearchParams({ ...filters, ...patch }), { replace: Object.keys(patch).join() === 'text' }),
    [filters, setParams],
  );
  return { filters, update };
}
