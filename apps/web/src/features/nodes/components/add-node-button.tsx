import { PlusIcon } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/shared/ui/button';
import { useNodeGroups } from '../api/get-node-groups';
import { NodeFormDialog } from './node-form-dialog';

/** Opens the node dialog; a node needs a group, so the button waits for one to exist. */
export function AddNodeButton() {
  const [open, setOpen] = useState(false);
  const groups = useNodeGroups().data ?? [];
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={groups.length === 0}
        title={groups.length === 0 ? 'Create a node group first' : undefined}
      >
        <PlusIcon /> Add node
      </Button>
      {open && <NodeFormDialog groups={groups} onClose={() => setOpen(false)} />}
    </>
  );
}
