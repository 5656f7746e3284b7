/** What a logging-only criterion saw: the broadcasts it matched in the last three days. */
import type { CriterionDto } from '@recflow/contracts';
import { HistoryIcon, SearchXIcon } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '@/shared/api/api-error';
import { formatAge, formatCount, formatDateTime } from '@/shared/lib/format';
import { liveUrl } from '@/shared/lib/platform-links';
import { ErrorAlert } from '@/shared/ui/alert';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/shared/ui/dialog';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import { useCriterionHistory } from '../api/get-criterion-history';

function HistoryTable({ criterion, open }: { criterion: CriterionDto; open: boolean }) {
  const history = useCriterionHistory(criterion.id, open);
  if (history.isPending) return <Spinner className="m-4" label="Loading the history" />;
  if (history.isError)
    return <ErrorAlert title="The history could not be loaded">{errorMessage(history.error)}</ErrorAlert>;
  if (history.data.length === 0)
    return (
      <EmptyState icon={SearchXIcon} title="Nothing seen yet">
        Matching broadcasts show here once detection runs with this criterion active.
      </EmptyState>
    );
  return (
    <Table aria-label={`History of ${criterion.name}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Seen</TableHead>
          <TableHead>Channel</TableHead>
          <TableHead>Title</TableHead>
          <TableHead className="text-right">Viewers</TableHead>
          <TableHead>Grade</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {history.data.map((entry) => (
          <TableRow key={`${entry.platform}:${entry.liveUid}`}>
            <TableCell className="text-xs whitespace-nowrap" title={formatDateTime(entry.seenAt)}>
              {formatAge(entry.seenAt)}
            </TableCell>
            <TableCell>
              <div className="font-medium">{entry.channelName}</div>
              <div className="font-mono text-xs text-muted-foreground">{entry.channelUid}</div>
            </TableCell>
            <TableCell className="max-w-64">
              <a
                href={liveUrl(entry.platform, entry.channelUid)}
                target="_blank"
                rel="noreferrer"
                className="line-clamp-2 hover:underline"
              >
                {entry.title || '(untitled)'}
              </a>
              {entry.isAdult && <Badge variant="warning">Adult</Badge>}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatCount(entry.viewCnt)}</TableCell>
            <TableCell>
              {entry.grade ? <Badge>{entry.grade}</Badge> : <span className="text-muted-foreground">—</span>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function CriterionHistoryDialog({ criterion }: { criterion: CriterionDto }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label={`History of ${criterion.name}`} title="History">
          <HistoryIcon />
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>History of {criterion.name}</DialogTitle>
          <DialogDescription>
            Broadcasts this logging-only criterion matched in the last three days, newest first. Nothing here
            was recorded.
          </DialogDescription>
        </DialogHeader>
        <HistoryTable criterion={criterion} open={open} />
      </DialogContent>
    </Dialog>
  );
}
