import type { NodeDto, NodeRecordings as NodeRecordingsDto } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { ChevronRightIcon } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { cn } from '@/shared/lib/cn';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog } from '@/shared/ui/confirm-dialog';
import { TableCell, TableRow } from '@/shared/ui/table';
import { useDeleteNode } from '../api/delete-node';
import type { GroupOfNode } from '../model/fleet';
import { CordonSwitch } from './cordon-switch';
import { LoadBar } from './load-bar';
import { NodeActionsMenu, type NodeDialog } from './node-actions-menu';
import { NodeFormDialog } from './node-form-dialog';
import { NodeReachability } from './node-reachability';
import { NodeRecordings } from './node-recordings';

export const NODE_COLUMNS = 9;

interface NodeRowProps {
  node: NodeDto;
  status: UseQueryResult<NodeRecordingsDto> | undefined;
  groups: GroupOfNode[];
}

export function NodeRow({ node, status, groups }: NodeRowProps) {
  const [expanded, setExpanded] = useState(false);
  const [dialog, setDialog] = useState<NodeDialog>();
  const remove = useDeleteNode();
  const unreachable = status?.data?.reachable === false;

  return (
    <>
      <TableRow data-node={node.name} className={cn(unreachable && 'bg-destructive/5')}>
        <TableCell className="w-8 pr-0">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`${expanded ? 'Hide' : 'Show'} recordings on ${node.name}`}
            aria-expanded={expanded}
            onClick={() => setExpanded((open) => !open)}
          >
            <ChevronRightIcon className={cn('transition-transform', expanded && 'rotate-90')} />
          </Button>
        </TableCell>
        <TableCell>
          <div className="grid min-w-0 gap-0.5">
            <Link
              to={`/nodes/${node.id}`}
              className="truncate font-medium hover:underline"
              title={node.description ?? 'Open the node and its timeline'}
            >
              {node.name}
            </Link>
            <span className="truncate font-mono text-xs text-muted-foreground" title={node.endpoint}>
              {node.endpoint}
            </span>
          </div>
        </TableCell>
        <TableCell className="tabular-nums">{node.priority}</TableCell>
        <TableCell>
          <LoadBar node={node} />
        </TableCell>
        <TableCell>
          <NodeReachability status={status} />
        </TableCell>
        <TableCell>
          <CordonSwitch node={node} />
        </TableCell>
        <TableCell>
          <Badge variant={node.isDomestic ? 'secondary' : 'outline'}>
            {node.isDomestic ? 'domestic' : 'overseas'}
          </Badge>
        </TableCell>
        <TableCell className={cn('tabular-nums', node.failureCnt > 0 && 'font-medium text-destructive')}>
          {node.failureCnt}
        </TableCell>
        <TableCell className="w-10 text-right">
          <NodeActionsMenu node={node} onOpen={setDialog} />
          {dialog === 'edit' && (
            <NodeFormDialog node={node} groups={groups} onClose={() => setDialog(undefined)} />
          )}
          <ConfirmDialog
            open={dialog === 'delete'}
            onOpenChange={(open) => setDialog(open ? 'delete' : undefined)}
            title={`Delete node ${node.name}?`}
            description={`recflow forgets ${node.name} (${node.endpoint}). A node with lives bound to it cannot be deleted; cordon it and let its lives finish first.`}
            confirmLabel="Delete node"
            destructive
            onConfirm={async () => {
              await remove.mutateAsync(node.id);
              toast.success(`Node ${node.name} deleted`);
            }}
          />
        </TableCell>
      </TableRow>
      {expanded && (
        <TableRow className="bg-muted/30 hover:bg-muted/30">
          <TableCell />
          <TableCell colSpan={NODE_COLUMNS - 1} className="py-3">
            <NodeRecordings name={node.name} status={status} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
