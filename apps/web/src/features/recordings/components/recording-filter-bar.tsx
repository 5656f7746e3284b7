import { PLATFORMS, type PlatformName, RECORDING_OUTCOMES, type RecordingOutcome } from '@recflow/contracts';
import { SearchIcon } from 'lucide-react';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';
import { ANY_VALUE, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { hasActiveFilters, type RecordingFilters } from '../model/recording-filters';
import { OUTCOME_LABELS } from './recording-outcome';

interface RecordingFilterBarProps {
  filters: RecordingFilters;
  onChange(patch: Partial<RecordingFilters>): void;
}

export function RecordingFilterBar({ filters, onChange }: RecordingFilterBarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative">
        <SearchIcon
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
          aria-hidden
        />
        <Input
          type="search"
          aria-label="Search channel or title"
          placeholder="Channel or title"
          maxLength={100}
          value={filters.text ?? ''}
          onChange={(e) => onChange({ text: e.target.value || undefined })}
          className="w-56 pl-8"
        />
      </div>
      <Select
        value={filters.platform ?? ANY_VALUE}
        onValueChange={(v) => onChange({ platform: v === ANY_VALUE ? undefined : (v as PlatformName) })}
      >
        <SelectTrigger aria-label="Platform" className="w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY_VALUE}>All platforms</SelectItem>
          {PLATFORMS.map((name) => (
            <SelectItem key={name} value={name}>
              {name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select
        value={filters.outcome ?? ANY_VALUE}
        onValueChange={(v) => onChange({ outcome: v === ANY_VALUE ? undefined : (v as RecordingOutcome) })}
      >
        <SelectTrigger aria-label="Outcome" className="w-44">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY_VALUE}>All outcomes</SelectItem>
          {RECORDING_OUTCOMES.map((outcome) => (
            <SelectItem key={outcome} value={outcome}>
              {OUTCOME_LABELS[outcome]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {hasActiveFilters(filters) && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onChange({ platform: undefined, outcome: undefined, text: undefined })}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
