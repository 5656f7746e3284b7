import { IMPORT_OUTCOMES, type ImportReport as Report } from '@recflow/contracts';
import { useState } from 'react';
import { cn } from '@/shared/lib/cn';
import { Card, CardHeader, CardTitle } from '@/shared/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import { ImportOutcomeBadge } from './import-outcome-badge';

type Outcome = (typeof IMPORT_OUTCOMES)[number];

/** The import's summary, each count doubling as a filter for the per-row table below. */
export function ImportReport({ report }: { report: Report }) {
  const [only, setOnly] = useState<Outcome>();
  const rows = only ? report.rows.filter((r) => r.outcome === only) : report.rows;
  return (
    <Card aria-label="Import report">
      <CardHeader className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle>
          {report.summary.total} row{report.summary.total === 1 ? '' : 's'} processed
        </CardTitle>
        <div className="flex flex-wrap gap-1.5">
          {IMPORT_OUTCOMES.map((outcome) => (
            <button
              key={outcome}
              type="button"
              aria-pressed={only === outcome}
              onClick={() => setOnly(only === outcome ? undefined : outcome)}
              className={cn(
                'flex items-center gap-1.5 rounded-md border px-2 py-1 text-sm hover:bg-accent',
                only === outcome && 'border-ring bg-accent',
              )}
            >
              <ImportOutcomeBadge outcome={outcome} />
              <span className="font-semibold tabular-nums" data-testid={`import-${outcome}`}>
                {report.summary[outcome]}
              </span>
            </button>
          ))}
        </div>
      </CardHeader>
      <div className="max-h-[28rem] overflow-y-auto">
        <Table aria-label="Rows">
          <TableHeader>
            <TableRow>
              <TableHead className="w-16">Row</TableHead>
              <TableHead>Platform</TableHead>
              <TableHead>Channel id</TableHead>
              <TableHead>Outcome</TableHead>
              <TableHead>Message</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.row}>
                <TableCell className="tabular-nums">{row.row}</TableCell>
                <TableCell>{row.platform ?? '—'}</TableCell>
                <TableCell className="font-mono text-xs">{row.sourceId ?? '—'}</TableCell>
                <TableCell>
                  <ImportOutcomeBadge outcome={row.outcome} />
                </TableCell>
                <TableCell className={cn('text-sm', row.outcome === 'error' && 'text-destructive')}>
                  {row.message ?? ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Card>
  );
}
