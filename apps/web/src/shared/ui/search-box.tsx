/** A search box with a magnifier inside it, for a list's filter bar; an emptied box means no search. */
import { SearchIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import { Input } from './input';

interface SearchBoxProps {
  /** The box's accessible name. */
  label: string;
  placeholder?: string;
  maxLength?: number;
  value: string | undefined;
  /** The text as typed, or undefined once the box is empty. */
  onChange(value: string | undefined): void;
  className?: string;
}

export function SearchBox({ label, value, onChange, className, ...props }: SearchBoxProps) {
  return (
    <div className="relative">
      <SearchIcon
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input
        type="search"
        aria-label={label}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={cn('w-56 pl-8', className)}
        {...props}
      />
    </div>
  );
}
