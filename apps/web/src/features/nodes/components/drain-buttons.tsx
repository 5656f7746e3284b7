/**
 * Draining a group for a rolling deploy, and putting it back in service afterwards. Both ask
 * first: a drain moves every live off the group, and undraining lets new lives land on it again.
 */
import type { NodeDto } from '@recflow/contracts';
import { ArrowRightLeftIcon, PlayIcon } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { useDrainNodeGroup } from '../api/drain-node-group';
import { useUndrainNodeGroup } from '../api/undrain-node-group';
import type { GroupOfNode } from '../model/fleet';
import { useDrainStore } from '../stores/drain-store';

interface DrainButtonsProps {
  group: GroupOfNode;
  nodes: NodeDto[];
  /** A drain of this group is still moving lives. */
  draining: boolean;
}

export function DrainButtons({ group, nodes, draining }: DrainButtonsProps) {
  const [asking, setAsking] = useState<'drain' | 'undrain'>();
  const drain = useDrainNodeGroup();
  const undrain = useUndrainNodeGroup();
  const follow = useDrainStore((s) => s.follow);
  const forget = useDrainStore((s) => s.forget);
  const lives = nodes.reduce((sum, n) => sum + n.livesCnt, 0);
  const cordoned = nodes.filter((n) => n.isCordoned).length;
  const close = (open: boolean) => !open && setAsking(undefined);

  return (
    <>
      <Button
        variant="outline"
        size="sm"
        aria-label={`Drain group ${group.name}`}
        disabled={nodes.length === 0 || draining}
        title={nodes.length === 0 ? 'The group has no nodes' : 'Move every live to another group'}
        onClick={() => setAsking('drain')}
      >
        <ArrowRightLeftIcon />
        Drain
      </Button>
      <Button
        variant="outline"
        size="sm"
        aria-label={`Undrain group ${group.name}`}
        disabled={cordoned === 0 || draining}
        title={cordoned === 0 ? 'No node of the group is cordoned' : 'Put the group back in service'}
        onClick={() => setAsking('undrain')}
      >
        <PlayIcon />
        Undrain
      </Button>
      <ConfirmDialog
        open={asking === 'drain'}
        onOpenChange={close}
        title={`Drain group "${group.name}"?`}
        description={
          <div className="grid gap-2">
            <p>
              Its {nodes.length} node{nodes.length === 1 ? ' is' : 's are'} cordoned now, then each of the{' '}
              {lives} live{lives === 1 ? '' : 's'} on them moves to a node in another group: the replacement
              records first, and only then is the node here released.
            </p>
            <p>
              This needs another group with free capacity; a live that finds none stays here and is reported
              as stuck.
            </p>
          </div>
        }
        confirmLabel="Drain group"
        destructive
        onConfirm={async () => {
          const progress = await drain.mutateAsync(group.id);
          follow(group.id, progress.id);
          toast.success(`Draining group "${group.name}"`);
        }}
      />
      <ConfirmDialog
        open={asking === 'undrain'}
        onOpenChange={close}
        title={`Put group "${group.name}" back in service?`}
        description={`Its ${cordoned} cordoned node${cordoned === 1 ? '' : 's'} will take new lives again, up to their capacity.`}
        confirmLabel="Undrain"
        onConfirm={async () => {
          const { nodes: uncordoned } = await undrain.mutateAsync(group.id);
          forget(group.id);
          toast.success(`Group "${group.name}" back in service: ${uncordoned.join(', ')}`);
        }}
      />
    </>
  );
}
