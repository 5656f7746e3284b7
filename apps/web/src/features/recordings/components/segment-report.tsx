import type { RecordingSegments } from '@recflow/contracts';
import { CheckIcon, RotateCwIcon, TriangleAlertIcon, XIcon } from 'lucide-react';
import { formatCount } from '@/shared/lib/format';

/** "3, 4, 17 and 12 more": the numbers the report kept, and how many it did not. */
export function missingText(segments: RecordingSegments): string {
  const listed = segments.missingNumbers.join(', ');
  const rest = segments.missing - segments.missingNumbers.length;
  return rest > 0 ? `${listed} and ${formatCount(rest)} more` : listed;
}

/**
 * The loss report of a finished live: segments recorded, failed and missing (numbers absent
 * between the first and last recorded one; hover for the numbers, expand the row for the list).
 */
export function SegmentReport({ segments }: { segments: RecordingSegments | null }) {
  if (!segments) {
    return (
      <span
        className="text-xs text-muted-foreground"
        title="The loss report is taken when the recording state is cleaned up, some time after the end"
      >
        report pending
      </span>
    );
  }
  const { ok, failed, retrying, missing } = segments;
  const summary = `${formatCount(ok)} recorded, ${formatCount(failed)} failed, ${formatCount(missing)} missing${
    retrying > 0 ? `, ${formatCount(retrying)} still retrying` : ''
  }`;
  return (
    <span
      className="text-sm whitespace-nowrap tabular-nums"
      title={missing > 0 ? `${summary}. Missing: ${missingText(segments)}` : summary}
    >
      <span className="sr-only">{`Segments: ${summary}`}</span>
      <span
        className="inline-flex items-center gap-2.5 [&>span]:inline-flex [&>span]:items-center [&>span]:gap-0.5 [&_svg]:size-3.5"
        aria-hidden
      >
        <span>
          <CheckIcon className="text-success" />
          {formatCount(ok)}
        </span>
        <span className={failed > 0 ? 'text-destructive' : 'text-muted-foreground'}>
          <XIcon />
          {formatCount(failed)}
        </span>
        <span className={missing > 0 ? 'font-medium text-destructive' : 'text-muted-foreground'}>
          <TriangleAlertIcon />
          {formatCount(missing)}
        </span>
        {retrying > 0 && (
          <span className="[&_svg]:text-warning">
            <RotateCwIcon />
            {formatCount(retrying)}
          </span>
        )}
      </span>
    </span>
  );
}
