import { CHANNEL_SORTS, type ChannelSort, PLATFORMS, type PlatformName } from '@recflow/contracts';
import { ArrowDownWideNarrowIcon } from 'lucide-react';
import { ANY_VALUE, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import type { ChannelCatalog } from '../model/channel-catalog';
import { type ChannelFilters, SORT_LABELS } from '../model/channel-filters';
import { TagFilterPicker } from './tag-filter-picker';

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
      <Select
        value={filters.grade ?? ANY_VALUE}
        onValueChange={(v) => onChange({ grade: v === ANY_VALUE ? undefined : v })}
      >
        <SelectTrigger aria-label="Grade" className="w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY_VALUE}>All grades</SelectItem>
          {gradeNames.map((name) => (
            <SelectItem key={name} value={name}>
              {name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
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
      <Select value={filters.sort} onValueChange={(v) => onChange({ sort: v as ChannelSort })}>
        <SelectTrigger aria-label="Sort" className="w-44">
          <ArrowDownWideNarrowIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {CHANNEL_SORTS.map((sort) => (
            <SelectItem key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
