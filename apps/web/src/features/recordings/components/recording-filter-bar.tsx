import { RECORDING_OUTCOMES } from '@recflow/contracts';
import { Button } from '@/shared/ui/button';
import { OptionSelect } from '@/shared/ui/option-select';
import { PlatformSelect } from '@/shared/ui/platform-select';
import { SearchBox } from '@/shared/ui/search-box';
import { hasActiveFilters, type RecordingFilters } from '../model/recording-filters';
import { OUTCOME_LABELS } from './recording-outcome';

const OUTCOME_OPTIONS = RECORDING_OUTCOMES.map((outcome) => ({
  value: outcome,
  label: OUTCOME_LABELS[outcome],
}));

interface RecordingFilterBarProps {
  filters: RecordingFilters;
  onChange(patch: Partial<RecordingFilters>): void;
}

export function RecordingFilterBar({ filters, onChange }: RecordingFilterBarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox
        label="Search channel or title"
        placeholder="Channel or title"
        maxLength={100}
        value={filters.text}
        onChange={(text) => onChange({ text })}
      />
      <PlatformSelect value={filters.platform} onChange={(platform) => onChange({ platform })} />
      <OptionSelect
        label="Outcome"
        anyLabel="All outcomes"
        options={OUTCOME_OPTIONS}
        value={filters.outcome}
        onChange={(outcome) => onChange({ outcome })}
        className="w-44"
      />
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
