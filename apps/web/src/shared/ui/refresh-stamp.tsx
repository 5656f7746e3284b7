/** When a list that refreshes on its own was last answered, and how often it refreshes. */
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import { formatClock } from '@/shared/lib/format';
import { Spinner } from './spinner';

interface RefreshStampProps {
  /** The query's `dataUpdatedAt`. */
  updatedAt: number;
  /** Whether a refresh is under way. */
  fetching: boolean;
}

export function RefreshStamp({ updatedAt, fetching }: RefreshStampProps) {
  return (
    <span className="inline-flex items-center gap-1.5">
      {fetching && <Spinner className="size-3" label="Refreshing" />}
      Updated {formatClock(updatedAt)} · every {WATCH_REFRESH_MS / 1000} s
    </span>
  );
}
