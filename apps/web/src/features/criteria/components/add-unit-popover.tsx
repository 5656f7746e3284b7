/** The "+" badge: a small box to add one value to a list, showing the server's 400/409 message. */
import type { CriterionDto } from '@recflow/contracts';
import { PlusIcon } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { badgeVariants } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';
import { Popover, PopoverContent, PopoverTrigger } from '@/shared/ui/popover';
import { useAddCriterionUnit } from '../api/add-criterion-unit';
import type { UnitList } from '../model/criterion-lists';

export function AddUnitPopover({ criterion, list }: { criterion: CriterionDto; list: UnitList }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const add = useAddCriterionUnit();
  const label = `Add a ${list.noun} to ${criterion.name}`;

  const change = (next: boolean) => {
    setOpen(next);
    setValue('');
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return setError('must not be empty');
    try {
      await add.mutateAsync({
        criterionId: criterion.id,
        ruleName: list.ruleName,
        value: value.trim(),
        isPositive: list.isPositive,
      });
      toast.success(`Added "${value.trim()}" to ${criterion.name}`);
      change(false);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <Popover open={open} onOpenChange={change}>
      <PopoverTrigger
        aria-label={label}
        title={label}
        className={cn(
          badgeVariants({ variant: 'outline' }),
          'cursor-pointer border-dashed px-1 hover:bg-accent',
        )}
      >
        <PlusIcon aria-hidden />
      </PopoverTrigger>
      <PopoverContent className="w-72">
        <form className="grid gap-2" onSubmit={(e) => void submit(e)} noValidate>
          <label className="text-xs font-medium" htmlFor={`unit-${criterion.id}-${list.key}`}>
            New {list.noun}
          </label>
          <div className="flex gap-2">
            <Input
              id={`unit-${criterion.id}-${list.key}`}
              autoFocus
              aria-invalid={error ? true : undefined}
              value={value}
              inputMode={list.numeric ? 'numeric' : 'text'}
              onChange={(e) => setValue(e.target.value)}
              className="h-8"
              autoComplete="off"
            />
            <Button type="submit" size="sm" disabled={add.isPending}>
              Add
            </Button>
          </div>
          {error && (
            <p role="alert" className="text-xs text-destructive">
              {error}
            </p>
          )}
        </form>
      </PopoverContent>
    </Popover>
  );
}
