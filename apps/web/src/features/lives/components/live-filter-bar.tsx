import { Button } from '@/shared/ui/button';
import { OptionSelect } from '@/shared/ui/option-select';
import { PlatformSelect } from '@/shared/ui/platform-select';
import { SearchBox } from '@/shared/ui/search-box';
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

const STATUS_OPTIONS = STATUS_FILTERS.map((status) => ({ value: status, label: STATUS_LABELS[status] }));

interface LiveFilterBarProps {
  filters: LiveFilters;
  fleet: FleetOptions;
  onChange(patch: Partial<LiveFilters>): void;
}

export function LiveFilterBar({ filters, fleet, onChange }: LiveFilterBarProps) {
  // A node filter narrows within the chosen group.
  const nodes = fleet.nodes.filter(
    (n) => !filters.groupId || fleet.groups.find((g) => g.id === filters.groupId)?.name === n.groupName,
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SearchBox
        label="Search channel or title"
        placeholder="Channel or title"
        value={filters.text}
        onChange={(text) => onChange({ text })}
      />
      <OptionSelect
        label="Status"
        options={STATUS_OPTIONS}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        className="w-36"
      />
      <PlatformSelect value={filters.platform} onChange={(platform) => onChange({ platform })} />
      <OptionSelect
        label="Node group"
        anyLabel="All groups"
        options={fleet.groups.map((group) => ({ value: group.id, label: group.name }))}
        value={filters.groupId}
        onChange={(groupId) => onChange({ groupId, nodeId: undefined })}
        className="w-36"
      />
      <OptionSelect
        label="Node"
        anyLabel="All nodes"
        options={nodes.map((node) => ({ value: node.id, label: node.name }))}
        value={filters.nodeId}
        onChange={(nodeId) => onChange({ nodeId })}
        className="w-36"
      />
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
