import { RotateCcwIcon, ServerIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import { formatClock } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { Spinner } from '@/shared/ui/spinner';
import { useNodeGroups } from '../api/get-node-groups';
import { useNodeStatuses } from '../api/get-node-status';
import { useNodes } from '../api/get-nodes';
import { groupSections } from '../model/fleet';
import { NodeGroupSection } from './node-group-section';

/**
 * Every node group as a section listing its nodes. Nodes and groups refresh on their own; each
 * node's own answer (reachable, recordings) is asked separately, so a dead node marks only its row.
 */
export function NodeFleet() {
  const nodes = useNodes();
  const groups = useNodeGroups();
  const statuses = useNodeStatuses((nodes.data ?? []).map((n) => n.name));

  if (nodes.isPending || groups.isPending) {
    return (
      <div className="flex justify-center py-16">
        <Spinner className="size-6" label="Loading nodes" />
      </div>
    );
  }
  const failure = nodes.error ?? groups.error;
  if (!nodes.data || !groups.data) {
    return (
      <div className="grid justify-items-start gap-3">
        <ErrorAlert title="Nodes could not be loaded">{errorMessage(failure)}</ErrorAlert>
        <Button
          variant="outline"
          size="sm"
          onClick={() => void Promise.all([nodes.refetch(), groups.refetch()])}
        >
          <RotateCcwIcon /> Try again
        </Button>
      </div>
    );
  }
  const sections = groupSections(groups.data, nodes.data);
  if (sections.length === 0) {
    return (
      <Card>
        <EmptyState icon={ServerIcon} title="No nodes yet">
          Create a node group, then add the recnode nodes that record lives.
        </EmptyState>
      </Card>
    );
  }
  const groupList = sections.map((s) => s.group);
  return (
    <>
      {failure && (
        <ErrorAlert title="Showing the last answer: refreshing failed">{errorMessage(failure)}</ErrorAlert>
      )}
      <div className="flex items-center justify-between gap-3 text-xs text-muted-foreground">
        <span>
          {nodes.data.length} node{nodes.data.length === 1 ? '' : 's'} in {sections.length} group
          {sections.length === 1 ? '' : 's'}
        </span>
        <span>
          Updated {formatClock(nodes.dataUpdatedAt)} · every {WATCH_REFRESH_MS / 1000} s
        </span>
      </div>
      {sections.map((section) => (
        <NodeGroupSection key={section.group.id} section={section} statuses={statuses} groups={groupList} />
      ))}
    </>
  );
}
