/**
 * The nodes page's shape: one section per node group, each with its nodes, both by name. A group
 * the groups list does not have yet (a node created a moment ago) still gets its section.
 */
import type { NodeDto, NodeGroupDto } from '@recflow/contracts';

export type GroupOfNode = NodeDto['group'];

export interface GroupSection {
  group: GroupOfNode;
  nodes: NodeDto[];
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { numeric: true });

export function groupSections(groups: NodeGroupDto[], nodes: NodeDto[]): GroupSection[] {
  const sections = new Map<string, GroupSection>();
  for (const group of groups) sections.set(group.id, { group, nodes: [] });
  for (const node of nodes) {
    const section = sections.get(node.groupId) ?? { group: node.group, nodes: [] };
    section.nodes.push(node);
    sections.set(node.groupId, section);
  }
  const list = [...sections.values()].sort((a, b) => byName(a.group, b.group));
  for (const section of list) section.nodes.sort(byName);
  return list;
}

/** Share of the capacity in use; a node with no capacity takes no lives, so any load fills it. */
export function loadShare(node: Pick<NodeDto, 'livesCnt' | 'capacity'>): number {
  if (node.capacity <= 0) return node.livesCnt > 0 ? 1 : 0;
  return Math.min(1, node.livesCnt / node.capacity);
}
