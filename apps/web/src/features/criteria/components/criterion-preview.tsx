/**
 * What a criterion would do right now: how many lives it would record, every live its searches
 * found with the values that found it and why it would be recorded, logged, notified or skipped,
 * and any search that failed. Used by the create form (a draft) and a saved criterion's dialog.
 */
import type {
  CriterionPreviewDto,
  CriterionUnitRef,
  PreviewLiveDto,
  PreviewOutcome,
} from '@recflow/contracts';
import { SearchXIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { formatCount } from '@/shared/lib/format';
import { liveUrl } from '@/shared/lib/platform-links';
import { ErrorAlert } from '@/shared/ui/alert';
import { Badge, type BadgeProps } from '@/shared/ui/badge';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/shared/ui/table';

const OUTCOMES: Record<PreviewOutcome, { label: string; variant: BadgeProps['variant'] }> = {
  record: { label: 'Record', variant: 'success' },
  log: { label: 'Log only', variant: 'secondary' },
  notify: { label: 'Notify', variant: 'warning' },
  skip: { label: 'Skip', variant: 'muted' },
};

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

function unitText({ kind, value }: CriterionUnitRef): string {
  return kind === 'category' ? `#${value}` : kind === 'tag' ? `tag ${value}` : `“${value}”`;
}

function headline(preview: CriterionPreviewDto, loggingOnly: boolean): string {
  return loggingOnly
    ? `${plural(preview.counts.log, 'live')} would be logged now (logging only)`
    : `${plural(preview.counts.record, 'live')} would be recorded now`;
}

function LiveRow({ live }: { live: PreviewLiveDto }) {
  const outcome = OUTCOMES[live.outcome];
  return (
    <TableRow className={cn(live.outcome === 'skip' && 'text-muted-foreground')}>
      <TableCell>
        <div className="truncate font-medium text-foreground">{live.channel.username}</div>
        <div className="flex items-center gap-1 text-xs">
          {live.channel.known ? (
            <Badge variant="outline">{live.channel.grade}</Badge>
          ) : (
            <span>not in recflow</span>
          )}
        </div>
      </TableCell>
      <TableCell className="break-words">
        <a
          href={liveUrl(live.platform, live.channel.uid)}
          target="_blank"
          rel="noreferrer"
          className="line-clamp-2 hover:underline"
        >
          {live.title || '(untitled)'}
        </a>
        <div className="mt-0.5 flex flex-wrap gap-1">
          {live.matched.map((unit) => (
            <Badge key={`${unit.kind}:${unit.value}`} variant="secondary" title="Found by this search">
              {unitText(unit)}
            </Badge>
          ))}
        </div>
      </TableCell>
      <TableCell className="text-right tabular-nums">{formatCount(live.viewCnt)}</TableCell>
      <TableCell>
        <Badge variant={outcome.variant}>{outcome.label}</Badge>
        <div className="mt-0.5 text-xs">{live.explanation}</div>
      </TableCell>
    </TableRow>
  );
}

export function CriterionPreviewResult({
  preview,
  error,
  updating,
  label,
  loggingOnly,
}: {
  preview: CriterionPreviewDto | undefined;
  error: unknown;
  updating: boolean;
  /** The section's accessible name. */
  label: string;
  loggingOnly: boolean;
}) {
  const failed = preview?.searches.filter((s) => !s.ok) ?? [];
  return (
    <section aria-label={label} aria-busy={updating} className="grid min-w-0 gap-2">
      <div className="flex min-h-6 items-center gap-2 text-sm">
        {preview && <p className="font-medium">{headline(preview, loggingOnly)}</p>}
        {preview && (
          <p className="text-muted-foreground">
            {[
              preview.counts.notify > 0 && `${formatCount(preview.counts.notify)} notified`,
              `${formatCount(preview.counts.skip)} skipped`,
              `${plural(preview.lives.length, 'live')} found by ${plural(preview.searches.length, 'search', 'searches')}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
        {updating && <Spinner label="Updating the preview" className="ml-auto" />}
      </div>
      {error !== null && error !== undefined && (
        <ErrorAlert title="No preview">{errorMessage(error)}</ErrorAlert>
      )}
      {failed.length > 0 && (
        <ErrorAlert title={`${plural(failed.length, 'search', 'searches')} failed; the others answered`}>
          <ul>
            {failed.map((s) => (
              <li key={`${s.kind}:${s.value}`}>
                {s.kind} “{s.value}”: {s.error}
              </li>
            ))}
          </ul>
        </ErrorAlert>
      )}
      {preview && preview.lives.length === 0 && failed.length < preview.searches.length && (
        <EmptyState icon={SearchXIcon} title="No live matches now">
          Lives that go on air later and match are recorded when detection finds them.
        </EmptyState>
      )}
      {preview && preview.lives.length > 0 && (
        <div className="max-h-[60vh] overflow-y-auto rounded-md border">
          <Table aria-label={`${label}: lives`} className="table-fixed">
            <TableHeader>
              <TableRow>
                <TableHead className="w-[26%]">Channel</TableHead>
                <TableHead className="w-[34%]">Live, found by</TableHead>
                <TableHead className="w-[13%] text-right">Viewers</TableHead>
                <TableHead className="w-[27%]">Would be</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.lives.map((live) => (
                <LiveRow key={`${live.platform}:${live.liveUid}`} live={live} />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
