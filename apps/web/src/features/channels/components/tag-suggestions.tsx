import type { TagWithUsageDto } from '@recflow/contracts';
import { PlusIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';

const LIMIT = 8;

interface TagSuggestionsProps {
  tags: TagWithUsageDto[];
  /** What the operator has typed so far. */
  text: string;
  /** Names that must not be offered (already chosen or attached). */
  taken: string[];
  onPick(name: string): void;
  className?: string;
}

/** Existing tags matching the typed text, plus "create" when the text names no tag yet. */
export function TagSuggestions({ tags, text, taken, onPick, className }: TagSuggestionsProps) {
  const needle = text.trim().toLowerCase();
  const matches = tags
    .filter((t) => !taken.includes(t.name) && t.name.toLowerCase().includes(needle))
    .slice(0, LIMIT);
  const isNew =
    needle.length > 0 && !tags.some((t) => t.name.toLowerCase() === needle) && !taken.includes(text.trim());
  if (matches.length === 0 && !isNew) return null;
  return (
    <div className={cn('flex flex-wrap gap-1', className)}>
      {isNew && (
        <button
          type="button"
          onClick={() => onPick(text.trim())}
          className="inline-flex items-center gap-1 rounded-md border border-dashed px-1.5 py-0.5 text-xs hover:bg-accent"
        >
          <PlusIcon className="size-3" /> Create "{text.trim()}"
        </button>
      )}
      {matches.map((tag) => (
        <button
          key={tag.id}
          type="button"
          onClick={() => onPick(tag.name)}
          className="rounded-md border px-1.5 py-0.5 text-xs hover:bg-accent"
        >
          {tag.name} <span className="text-muted-foreground">{tag.channelCount}</span>
        </button>
      ))}
    </div>
  );
}
