import type { TagWithUsageDto } from '@recflow/contracts';
import { CheckIcon, ChevronDownIcon } from 'lucide-react';
import { useState } from 'react';
import { cn } from '@/shared/lib/cn';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';
import { Popover, PopoverContent, PopoverTrigger } from '@/shared/ui/popover';

interface TagFilterPickerProps {
  label: string;
  tags: TagWithUsageDto[];
  selected: string[];
  /** Tags chosen in the opposite picker: a tag cannot be both included and excluded. */
  hidden: string[];
  onChange(next: string[]): void;
}

/** A toggle-select list of tags with a filter box; the list stays open for several picks. */
export function TagFilterPicker({ label, tags, selected, hidden, onChange }: TagFilterPickerProps) {
  const [needle, setNeedle] = useState('');
  const options = tags.filter(
    (t) => !hidden.includes(t.name) && t.name.toLowerCase().includes(needle.trim().toLowerCase()),
  );
  const toggle = (name: string) =>
    onChange(selected.includes(name) ? selected.filter((n) => n !== name) : [...selected, name]);

  return (
    <Popover onOpenChange={(open) => open && setNeedle('')}>
      <PopoverTrigger asChild>
        <Button variant="outline" className="justify-between font-normal">
          {label}
          {selected.length > 0 && <Badge variant="default">{selected.length}</Badge>}
          <ChevronDownIcon className="opacity-60" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="grid w-64 gap-2 p-2">
        <Input
          aria-label={`Filter ${label.toLowerCase()}`}
          placeholder="Filter tags…"
          value={needle}
          onChange={(e) => setNeedle(e.target.value)}
          className="h-8"
        />
        <div
          role="listbox"
          aria-label={label}
          aria-multiselectable
          className="grid max-h-64 gap-px overflow-y-auto"
        >
          {options.length === 0 && (
            <p className="px-2 py-3 text-center text-sm text-muted-foreground">No tags</p>
          )}
          {options.map((tag) => {
            const isSelected = selected.includes(tag.name);
            return (
              <button
                key={tag.id}
                type="button"
                role="option"
                aria-selected={isSelected}
                onClick={() => toggle(tag.name)}
                className={cn(
                  'flex items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm hover:bg-accent',
                  isSelected && 'font-medium',
                )}
              >
                <CheckIcon className={cn('size-4 shrink-0', !isSelected && 'invisible')} aria-hidden />
                <span className="flex-1 truncate">{tag.name}</span>
                <span className="text-xs text-muted-foreground tabular-nums">{tag.channelCount}</span>
              </button>
            );
          })}
        </div>
      </PopoverContent>
    </Popover>
  );
}
