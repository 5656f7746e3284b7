import type { GradeDto } from '@recflow/contracts';
import { BellIcon } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@/shared/lib/cn';
import { badgeVariants } from '@/shared/ui/badge';

/** A grade that records reads solid; one that does not reads muted. The bell marks notifying grades. */
export function GradeBadge({ grade, className, ...props }: { grade: GradeDto } & ComponentProps<'button'>) {
  return (
    <button
      type="button"
      title={`${grade.shouldSave ? 'Recorded' : 'Not recorded'}${grade.shouldNotify ? ', notifies' : ''}. Click to change the grade.`}
      className={cn(
        badgeVariants({ variant: grade.shouldSave ? 'default' : 'muted' }),
        'cursor-pointer hover:opacity-85',
        className,
      )}
      {...props}
    >
      {grade.name}
      {grade.shouldNotify && <BellIcon aria-label="notifies" />}
    </button>
  );
}
