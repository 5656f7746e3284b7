import { BookmarkIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Card } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import { useGrades } from '../api/get-grades';
import { GradeRow } from './grade-row';

export function GradesTable() {
  const grades = useGrades();
  if (grades.isPending) return <Spinner className="m-4" />;
  if (grades.isError)
    return <ErrorAlert title="Grades could not be loaded">{errorMessage(grades.error)}</ErrorAlert>;
  return (
    <Card>
      {grades.data.length === 0 ? (
        <EmptyState icon={BookmarkIcon} title="No grades">
          The database has no grades, not even the default one; check that migrations ran.
        </EmptyState>
      ) : (
        <Table aria-label="Grades">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Save</TableHead>
              <TableHead>Notify</TableHead>
              <TableHead>Tier</TableHead>
              <TableHead>Seq</TableHead>
              <TableHead>Description</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Updated</TableHead>
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {grades.data.map((grade) => (
              <GradeRow key={grade.id} grade={grade} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
