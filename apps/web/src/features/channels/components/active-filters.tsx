import { XIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import { Button } from '@/shared/ui/button';
import { type ChannelFilters, hasActiveFilters } from '../model/channel-filters';

function Chip({
  children,
  onRemove,
  tone,
}: {
  children: string;
  onRemove(): void;
  tone: 'include' | 'exclude' | 'plain';
}) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full border py-0.5 pr-1 pl-2.5 text-xs font-medium',
        tone === 'include' && 'border-success/40 bg-success/10 text-success',
        tone === 'exclude' && 'border-destructive/40 bg-destructive/10 text-destructive',
      )}
    >
      {children}
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove filter ${children}`}
        className="rounded-full p-0.5 hover:bg-foreground/10"
      >
        <XIcon className="size-3" />
      </button>
    </span>
  );
}

/** What the list is filtered by, each removable on its own, and a way back to everything. */
export function ActiveFilters({
  filters,
  onChange,
}: {
  filters: ChannelFilters;
  onChange(patch: Partial<ChannelFilters>): void;
}) {
  if (!hasActiveFilters(filters)) return null;
  const without = (list: string[], name: string) => list.filter((n) => n !== name);
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {filters.uname && (
        <Chip tone="plain" onRemove={() => onChange({ uname: undefined })}>{`name ~ ${filters.uname}`}</Chip>
      )}
      {filters.uid && (
        <Chip tone="plain" onRemove={() => onChange({ uid: undefined })}>{`id = ${filters.uid}`}</Chip>
      )}
      {filters.grade && (
        <Chip tone="plain" onRemove={() => onChange({ grade: undefined })}>{`grade ${filters.grade}`}</Chip>
      )}
      {filters.platform && (
        <Chip tone="plain" onRemove={() => onChange({ platform: undefined })}>
          {filters.platform}
        </Chip>
      )}
      {filters.include.map((name) => (
        <Chip
          key={`+${name}`}
          tone="include"
          onRemove={() => onChange({ include: without(filters.include, name) })}
        >
          {`+${name}`}
        </Chip>
      ))}
      {filters.exclude.map((name) => (
        <Chip
          key={`-${name}`}
          tone="exclude"
          onRemove={() => onChange({ exclude: without(filters.exclude, name) })}
        >
          {`−${name}`}
        </Chip>
      ))}
      <Button
        variant="link"
        size="sm"
        className="h-6 px-1"
        onClick={() =>
          onChange({
            grade: undefined,
            platform: undefined,
            include: [],
            exclude: [],
            uid: undefined,
            uname: undefined,
          })
        }
      >
        Clear all
      </Button>
    </div>
  );
}
