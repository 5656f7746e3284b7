import { CreateGradeDialog } from '@/features/grades/components/create-grade-dialog';
import { GradesTable } from '@/features/grades/components/grades-table';
import { PageHeader } from '@/shared/ui/page-header';

export function GradesPage() {
  return (
    <>
      <PageHeader
        title="Grades"
        description="Every channel has one grade; it decides whether its lives are recorded (Save) and announced (Notify). Click a value to edit it."
        actions={<CreateGradeDialog />}
      />
      <GradesTable />
    </>
  );
}
