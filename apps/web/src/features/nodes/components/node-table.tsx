import type { NodeDto, NodeRecordings } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/shared/ui/table';
import type { GroupOfNode } from '../model/fleet';
import { NodeRow } from './node-row';

interface NodeTableProps {
  groupName: string;
  nodes: NodeDto[];
  statuses: Map<string, UseQueryResult<NodeRecordings>>;
  groups: GroupOfNode[];
}

export function NodeTable({ groupName, nodes, statuses, groups }: NodeTableProps) {
  return (
    // Fixed column widths keep every group's table aligned with the others on the page.
    <Table aria-label={`Nodes of ${groupName}`} className="table-fixed">
      <TableHeader>
        <TableRow>
          <TableHead className="w-12">
            <span className="sr-only">Recordings</span>
          </TableHead>
          <TableHead className="w-auto min-w-48">Node</TableHead>
          <TableHead className="w-20">Priority</TableHead>
          <TableHead className="w-36">Load</TableHead>
          <TableHead className="w-40">Reachable</TableHead>
          <TableHead className="w-36">Cordon</TableHead>
          <TableHead className="w-24">Region</TableHead>
          <TableHead className="w-20">Failures</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {nodes.map((node) => (
          <NodeRow key={node.id} node={node} status={statuses.get(node.name)} groups={groups} />
        ))}
      </TableBody>
    </Table>
  );
}
