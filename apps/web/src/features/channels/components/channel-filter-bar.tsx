import { CHANNEL_SORTS } from '@recflow/contracts';
import { ArrowDownWideNarrowIcon } from 'lucide-react';
import { OptionSelect } from '@/shared/ui/option-select';
import { PlatformSelect } from '@/shared/ui/platform-select';
import type { ChannelCatalog } from '../model/channel-catalog';
import { type ChannelFilters, SORT_LABELS } from '../model/channel-filters';
import { TagFilterPicker } from './tag-filter-picker';

const SORT_OPTIONS = CHANNEL_SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] }));

interface ChannelFilterBarProps {
  filters: ChannelFilters;
  catalog: ChannelCatalog;
  onChange(patch: Partial<ChannelFilters>): void;
}

export function ChannelFilterBar({ filters, catalog, onChange }: ChannelFilterBarProps) {
  const gradeNames = catalog.grades.map((g) => g.name);
  // A grade typed into the URL but unknown here still shows as selected.
  if (filters.grade && !gradeNames.includes(filters.grade)) gradeNames.push(filters.grade);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <OptionSelect
        label="Grade"
        anyLabel="All grades"
        options={gradeNames}
        value={filters.grade}
        onChange={(grade) => onChange({ grade })}
        className="w-36"
      />
      <PlatformSelect value={filters.platform} onChange={(platform) => onChange({ platform })} />
      <TagFilterPicker
        label="Include tags"
        tags={catalog.tags}
        selected={filters.include}
        hidden={filters.exclude}
        onChange={(include) => onChange({ include })}
      />
      <TagFilterPicker
        label="Exclude tags"
        tags={catalog.tags}
        selected={filters.exclude}
        hidden={filters.include}
        onChange={(exclude) => onChange({ exclude })}
      />
      <OptionSelect
        label="Sort"
        icon={<ArrowDownWideNarrowIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />}
        options={SORT_OPTIONS}
        value={filters.sort}
        onChange={(sort) => onChange({ sort })}
        className="w-44"
      />
    </div>
  );
}
