/** @jsxImportSource @emotion/react */
import { formatCompact, formatCount } from '@/shared/lib/format';

/**
 * Follower count with a bar relative to the largest count on the page. The scale is
 * logarithmic because counts span from tens to millions.
 */
export function FollowerBar({ count, max }: { count: number; max: number }) {
  const share = max > 0 ? Math.log10(1 + count) / Math.log10(1 + max) : 0;
  return (
    <div className="grid w-20 gap-1" title={`${formatCount(count)} followers`}>
      <span className="text-sm tabular-nums">{formatCompact(count)}</span>
      <span className="h-1 overflow-hidden rounded-full bg-muted">
        <span
          className="block h-full rounded-full bg-primary/70"
          css={{ width: `${Math.round(share * 100)}%` }}
        />
      </span>
    </div>
  );
}
