import { CheckIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import type { FleetOptions } from '../model/fleet-options';

interface GroupPickerProps {
  id?: string;
  groups: FleetOptions['groups'];
  selected: string[];
  onChange(next: string[]): void;
  'aria-describedby'?: string;
}

/** Toggle buttons, one per node group; choosing none leaves every group open. */
export function GroupPicker({ id, groups, selected, onChange, ...aria }: GroupPickerProps) {
  if (groups.length === 0) return <p className="text-sm text-muted-foreground">No node groups yet.</p>;
  const toggle = (groupId: string) =>
    onChange(selected.includes(groupId) ? selected.filter((g) => g !== groupId) : [...selected, groupId]);
  return (
    <fieldset id={id} className="m-0 flex min-w-0 flex-wrap gap-1.5 border-0 p-0" {...aria}>
      {groups.map((group) => {
        const on = selected.includes(group.id);
        return (
          <button
            key={group.id}
            type="button"
            aria-pressed={on}
            onClick={() => toggle(group.id)}
            className={cn(
              'inline-flex h-8 cursor-pointer items-center gap-1 rounded-md border px-2.5 text-sm hover:bg-accent',
              on && 'border-primary bg-primary/10 font-medium text-foreground',
            )}
          >
            <CheckIcon className={cn('size-3.5', !on && 'hidden')} aria-hidden />
            {group.name}
          </button>
        );
      })}
    </fieldset>
  );
}
