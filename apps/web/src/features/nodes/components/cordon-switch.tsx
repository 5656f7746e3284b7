/**
 * Cordoning decides where new lives go, so each flip asks first and says what it changes. Lives
 * already on the node keep recording either way.
 */
import type { NodeDto } from '@recflow/contracts';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/shared/ui/badge';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { Switch } from '@/shared/ui/switch';
import { useUpdateNode } from '../api/update-node';

export function CordonSwitch({ node }: { node: NodeDto }) {
  const [asking, setAsking] = useState(false);
  const update = useUpdateNode();
  const next = !node.isCordoned;
  const current =
    node.livesCnt === 0
      ? 'It records nothing now.'
      : `The ${node.livesCnt} live${node.livesCnt === 1 ? '' : 's'} it records now carry on.`;
  return (
    <div className="flex items-center gap-2">
      <Switch
        aria-label={`Cordon ${node.name}`}
        checked={node.isCordoned}
        onCheckedChange={() => setAsking(true)}
      />
      {node.isCordoned ? (
        <Badge variant="warning">Cordoned</Badge>
      ) : (
        <span className="text-xs text-muted-foreground">Schedulable</span>
      )}
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={next ? `Cordon ${node.name}?` : `Uncordon ${node.name}?`}
        description={
          next
            ? `No new live will be placed on ${node.name}. ${current}`
            : `${node.name} will take new lives again, up to its capacity of ${node.capacity}.`
        }
        confirmLabel={next ? 'Cordon' : 'Uncordon'}
        onConfirm={async () => {
          await update.mutateAsync({ id: node.id, body: { isCordoned: next } });
          toast.success(`${node.name} ${next ? 'cordoned' : 'uncordoned'}`);
        }}
      />
    </div>
  );
}
