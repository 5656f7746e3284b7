/**
 * A recorder's counters and request timings as recnode reports them (`?fields=stats`). The full
 * form lists them all; the inline form keeps what an operator scans a list for.
 */
import type { RecnodeRecordingStats } from '@recflow/contracts';
import { cn } from '@/shared/lib/cn';
import { formatCount, formatSeconds } from '@/shared/lib/format';

function rows(stats: RecnodeRecordingStats): Array<[string, string]> {
  return [
    ['Segments processed', formatCount(stats.processing_total)],
    ['Segments failed', formatCount(stats.failed_total)],
    ['Segment requests', formatCount(stats.segment_request_total)],
    ['Segment request avg', formatSeconds(stats.segment_request_duration_avg)],
    [
      'Segment retries',
      `${formatCount(stats.segment_request_retries_total)} (avg ${stats.segment_request_retries_avg.toFixed(2)})`,
    ],
    ['Playlist request avg', formatSeconds(stats.m3u8_request_duration_avg)],
    ['Playlist retries', formatCount(stats.m3u8_request_retries_total)],
  ];
}

export function RecorderStats({ stats, className }: { stats: RecnodeRecordingStats; className?: string }) {
  return (
    <dl className={cn('grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm', className)}>
      {rows(stats).map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd
            className={cn(
              'tabular-nums',
              label === 'Segments failed' && stats.failed_total > 0 && 'text-destructive',
            )}
          >
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function RecorderStatsInline({ stats }: { stats: RecnodeRecordingStats }) {
  return (
    <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
      <span className="text-foreground">{formatCount(stats.processing_total)}</span> processed ·{' '}
      <span className={stats.failed_total > 0 ? 'text-destructive' : undefined}>
        {formatCount(stats.failed_total)} failed
      </span>{' '}
      · segment {formatSeconds(stats.segment_request_duration_avg)} · playlist{' '}
      {formatSeconds(stats.m3u8_request_duration_avg)}
    </span>
  );
}
