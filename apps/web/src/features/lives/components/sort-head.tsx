import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import { TableHead } from '@/shared/ui/table';
import type { LiveSort, SortDir } from '../model/live-filters';

interface SortHeadProps {
  column: LiveSort;
  label: string;
  sort: LiveSort;
  dir: SortDir;
  onSort(column: LiveSort): void;
  className?: string;
}

/** A column header that sorts by its column; a second click reverses the order. */
export function SortHead({ column, label, sort, dir, onSort, className }: SortHeadProps) {
  const active = sort === column;
  const Icon = !active ? ArrowUpDownIcon : dir === 'asc' ? ArrowUpIcon : ArrowDownIcon;
  return (
    <TableHead
      className={className}
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          'inline-flex cursor-pointer items-center gap-1 uppercase hover:text-foreground',
          active && 'text-foreground',
        )}
      >
        {label}
        <Icon className={cn('size-3', !active && 'opacity-50')} aria-hidden />
      </button>
    </TableHead>
  );
}
