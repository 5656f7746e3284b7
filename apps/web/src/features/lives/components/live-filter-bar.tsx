import { PLATFORMS, type PlatformName } from '@recflow/contracts';
import { SearchIcon } from 'lucide-react';
import { Button } from '@/shared/ui/button';
import { Input } from '@/shared/ui/input';
import { ANY_VALUE, Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import type { FleetOptions } from '../model/fleet-options';
import { hasActiveFilters, type LiveFilters, STATUS_FILTERS, type StatusFilter } from '../model/live-filters';

const STATUS_LABELS: Record<StatusFilter, string> = {
  active: 'Active',
  all: 'All statuses',
  initializing: 'Initializing',
  recording: 'Recording',
  finalizing: 'Finalizing',
  deleted: 'Ended',
  failed: 'Failed',
};

interface LiveFilterBarProps {
  filters: LiveFilters;
  fleet: FleetOptions;
  onChange(patch: Partial<LiveFilters>): void;
}

function anyOf(value: string | undefined): string {
  return value ?? ANY_VALUE;
}

function fromAny(value: string): string | undefined {
  return value === ANY_VALUE ? undefined : value;
}

export function LiveFilterBar({ filters, fleet, onChange }: LiveFilterBarProps) {
  // A node filter narrows within the chosen group.
  const nodes = fleet.nodes.filter(
    (n) => !filters.groupId || fleet.groups.find((g) => g.id === filters.groupId)?.name === n.groupName,
  );
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
          value={filters.text ?? ''}
          onChange={(e) => onChange({ text: e.target.value || undefined })}
          className="w-56 pl-8"
        />
      </div>
      <Select value={filters.status} onValueChange={(v) => onChange({ status: v as StatusFilter })}>
        <SelectTrigger aria-label="Status" className="w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {STATUS_FILTERS.map((status) => (
            <SelectItem key={status} value={status}>
              {STATUS_LABELS[status]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select
        value={anyOf(filters.platform)}
        onValueChange={(v) => onChange({ platform: fromAny(v) as PlatformName | undefined })}
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
        value={anyOf(filters.groupId)}
        onValueChange={(v) => onChange({ groupId: fromAny(v), nodeId: undefined })}
      >
        <SelectTrigger aria-label="Node group" className="w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY_VALUE}>All groups</SelectItem>
          {fleet.groups.map((group) => (
            <SelectItem key={group.id} value={group.id}>
              {group.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select value={anyOf(filters.nodeId)} onValueChange={(v) => onChange({ nodeId: fromAny(v) })}>
        <SelectTrigger aria-label="Node" className="w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY_VALUE}>All nodes</SelectItem>
          {nodes.map((node) => (
            <SelectItem key={node.id} value={node.id}>
              {node.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {hasActiveFilters(filters) && (
        <Button
          variant="link"
          size="sm"
          onClick={() =>
            onChange({
              status: 'active',
              platform: undefined,
              groupId: undefined,
              nodeId: undefined,
              text: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
