import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseRecordingFilters, type RecordingFilters, toSearchParams } from '../model/recording-filters';

/**
 * The Recordings view from the URL, and a setter that writes it back. A filter change goes back
 * to the first page; typing in the search box replaces the history entry instead of adding one
 * per keystroke.
 */
export function useRecordingFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseRecordingFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<RecordingFilters>) => {
      const next = { ...filters, page: 1, ...patch };
      setParams(toSearchParams(next), { replace: Object.keys(patch).join() === 'text' });
    },
    [filters, setParams],
  );
  return { filters, update };
}
