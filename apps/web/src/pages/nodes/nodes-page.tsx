import { AddNodeButton } from '@/features/nodes/components/add-node-button';
import { CreateNodeGroupDialog } from '@/features/nodes/components/create-node-group-dialog';
import { NodeFleet } from '@/features/nodes/components/node-fleet';
import { PageHeader } from '@/shared/ui/page-header';

export function NodesPage() {
  return (
    <>
      <PageHeader
        title="Nodes"
        description="recnode nodes by group; a live records on nodes of distinct groups."
        actions={
          <>
            <CreateNodeGroupDialog />
            <AddNodeButton />
          </>
        }
      />
      <NodeFleet />
    </>
  );
}
