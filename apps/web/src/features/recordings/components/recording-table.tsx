import type { RecordingDto } from '@recflow/contracts';
import { ArchiveIcon, SearchXIcon } from 'lucide-react';
import { EmptyState } from '@/shared/ui/empty-state';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import { RecordingRow } from './recording-row';

export function RecordingTable({ recordings, filtered }: { recordings: RecordingDto[]; filtered: boolean }) {
  if (recordings.length === 0) {
    return filtered ? (
      <EmptyState icon={SearchXIcon} title="No recording matches these filters">
        Choose another platform or outcome, or clear the search.
      </EmptyState>
    ) : (
      <EmptyState icon={ArchiveIcon} title="No live has ended yet">
        Lives appear here once they are finished: by an operator, or when their broadcast ends.
      </EmptyState>
    );
  }
  return (
    <Table aria-label="Recordings">
      <TableHeader>
        <TableRow>
          <TableHead className="w-8">
            <span className="sr-only">Details</span>
          </TableHead>
          <TableHead>Channel</TableHead>
          <TableHead>Title</TableHead>
          <TableHead>Ended</TableHead>
          <TableHead>Nodes</TableHead>
          <TableHead>Segments</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Finish event</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {recordings.map((recording) => (
          <RecordingRow key={recording.liveId} recording={recording} />
        ))}
      </TableBody>
    </Table>
  );
}
