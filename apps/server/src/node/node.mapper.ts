/** Node rows to API DTOs. */
import type { NodeDto, NodeGroupDto } from '@recflow/contracts';
import type { InferSelectModel } from 'drizzle-orm';
import { iso, isoOrNull } from '../channel/channel.mapper';
import type { node, nodeGroup } from '../db/schema';

export type NodeGroupRow = InferSelectModel<typeof nodeGroup>;
export type NodeRow = InferSelectModel<typeof node>;
export interface NodeRecord {
  node: NodeRow;
  group: NodeGroupRow;
  load: number;
}

export function toNodeGroupDto(row: NodeGroupRow, nodeCount: number): NodeGroupDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: iso(row.createdAt),
    updatedAt: isoOrNull(row.updatedAt),
    nodeCount,
  };
}

export function toNodeDto({ node: n, group, load }: NodeRecord): NodeDto {
  const { nodeCount: _, ...groupDto } = toNodeGroupDto(group, 0);
  return {
    id: n.id,
    name: n.name,
    description: n.description,
    endpoint: n.endpoint,
    priority: n.priority,
    capacity: n.capacity,
    isCordoned: n.isCordoned,
    isDomestic: n.isDomestic,
    groupId: n.groupId,
    livesCnt: load,
    failureCnt: n.failureCnt,
    lastAssignedAt: isoOrNull(n.lastAssignedAt),
    createdAt: iso(n.createdAt),
    updatedAt: isoOrNull(n.updatedAt),
    group: groupDto,
  };
}
