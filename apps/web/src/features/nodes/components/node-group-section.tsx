import type { NodeRecordings } from '@recflow/contracts';
import { UpdateNodeGroupBody } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { ServerOffIcon, Trash2Icon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Card } from '@/shared/ui/card';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { EmptyState } from '@/shared/ui/empty-state';
import { InlineEdit } from '@/shared/ui/inline-edit';
import { useDeleteNodeGroup } from '../api/delete-node-group';
import { isDrainOver, useDrainProgress } from '../api/get-drain-progress';
import { type UpdateNodeGroupInput, useUpdateNodeGroup } from '../api/update-node-group';
import type { GroupOfNode, GroupSection } from '../model/fleet';
import { useDrainStore } from '../stores/drain-store';
import { DrainButtons } from './drain-buttons';
import { DrainProgress } from './drain-progress';
import { NodeTable } from './node-table';

function invalid(patch: UpdateNodeGroupInput): string | undefined {
  const result = UpdateNodeGroupBody.safeParse(patch);
  return result.success ? undefined : result.error.issues[0]?.message;
}

interface NodeGroupSectionProps {
  section: GroupSection;
  statuses: Map<string, UseQueryResult<NodeRecordings>>;
  groups: GroupOfNode[];
}

/**
 * One node group: its name and description (click to edit), its nodes, draining it and putting it
 * back in service, and its removal.
 */
export function NodeGroupSection({ section, statuses, groups }: NodeGroupSectionProps) {
  const { group, nodes } = section;
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateNodeGroup();
  const remove = useDeleteNodeGroup();
  const drainId = useDrainStore((s) => s.drainIds[group.id]);
  const forgetDrain = useDrainStore((s) => s.forget);
  const drain = useDrainProgress(drainId);
  const draining = drain.data !== undefined && !isDrainOver(drain.data);
  const save = async (body: UpdateNodeGroupInput, what: string) => {
    await update.mutateAsync({ id: group.id, body });
    toast.success(`Group "${group.name}": ${what} saved`);
  };

  return (
    <Card aria-label={`Group ${group.name}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-3">
        <h2 className="text-base font-semibold">
          <InlineEdit
            label={`name of group ${group.name}`}
            value={group.name}
            validate={(name) => invalid({ name })}
            onSave={(name) => save({ name }, 'name')}
          />
        </h2>
        <Badge variant="muted">
          {nodes.length} node{nodes.length === 1 ? '' : 's'}
        </Badge>
        <div className="min-w-0 flex-1 text-sm text-muted-foreground">
          <InlineEdit
            label={`description of group ${group.name}`}
            value={group.description ?? ''}
            placeholder="Add a description"
            truncate
            validate={(description) => invalid({ description })}
            onSave={(description) => save({ description: description.trim() || null }, 'description')}
          />
        </div>
        <DrainButtons group={group} nodes={nodes} draining={draining} />
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label={`Delete group ${group.name}`}
          title="Delete group"
          onClick={() => setDeleting(true)}
        >
          <Trash2Icon />
        </Button>
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete group "${group.name}"?`}
          description="Only a group without nodes can be deleted."
          confirmLabel="Delete group"
          destructive
          onConfirm={async () => {
            await remove.mutateAsync(group.id);
            toast.success(`Group "${group.name}" deleted`);
          }}
        />
        {drainId && (
          <DrainProgress groupName={group.name} progress={drain} onDismiss={() => forgetDrain(group.id)} />
        )}
      </div>
      {nodes.length === 0 ? (
        <EmptyState icon={ServerOffIcon} title="No nodes in this group">
          Add a node and choose this group for it.
        </EmptyState>
      ) : (
        <NodeTable groupName={group.name} nodes={nodes} statuses={statuses} groups={groups} />
      )}
    </Card>
  );
}
