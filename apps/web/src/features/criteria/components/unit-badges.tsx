/**
 * One list of a criterion as badges: clicking a value asks, then removes it (the server refuses
 * to remove an active criterion's last search, and the dialog says so); "+" adds a value.
 */
import type { CriterionDto, CriterionUnitDto } from '@recflow/contracts';
import { XIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { cn } from '@/shared/lib/cn';
import { badgeVariants } from '@/shared/ui/badge';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { useRemoveCriterionUnit } from '../api/remove-criterion-unit';
import { type UnitList, unitsOf } from '../model/criterion-lists';
import { AddUnitPopover } from './add-unit-popover';

function UnitBadge({
  criterion,
  list,
  unit,
}: {
  criterion: CriterionDto;
  list: UnitList;
  unit: CriterionUnitDto;
}) {
  const [asking, setAsking] = useState(false);
  const remove = useRemoveCriterionUnit();
  return (
    <>
      <button
        type="button"
        aria-label={`Remove ${list.noun} ${unit.value} from ${criterion.name}`}
        title="Remove"
        onClick={() => setAsking(true)}
        className={cn(
          badgeVariants({ variant: list.isPositive ? 'success' : 'destructive' }),
          'group/unit cursor-pointer hover:opacity-80',
        )}
      >
        <span className="max-w-40 truncate">{unit.value}</span>
        <XIcon className="opacity-50 group-hover/unit:opacity-100" aria-hidden />
      </button>
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={`Remove ${list.noun} "${unit.value}"?`}
        description={`Criterion "${criterion.name}" will no longer ${list.isPositive ? 'search for' : 'exclude'} it.`}
        confirmLabel="Remove"
        destructive
        onConfirm={async () => {
          await remove.mutateAsync(unit.id);
          toast.success(`Removed "${unit.value}" from ${criterion.name}`);
        }}
      />
    </>
  );
}

export function UnitBadges({ criterion, list }: { criterion: CriterionDto; list: UnitList }) {
  const units = unitsOf(criterion, list.key);
  return (
    <ul
      className="flex min-w-16 flex-wrap items-center gap-1"
      aria-label={`${list.label} of ${criterion.name}`}
    >
      {units.map((unit) => (
        <li key={unit.id} className="max-w-full">
          <UnitBadge criterion={criterion} list={list} unit={unit} />
        </li>
      ))}
      <li>
        <AddUnitPopover criterion={criterion} list={list} />
      </li>
    </ul>
  );
}
