/** A free, uncordoned node in a group of its own, as the unit tests of placement ask for one. */
import type { CandidateNode } from './live-node.repository';

export function candidateNode(name: string): CandidateNode {
  return {
    id: `id-${name}`,
    name,
    endpoint: `http://${name}`,
    groupId: `g-${name}`,
    priority: 1,
    capacity: 10,
    load: 0,
    isCordoned: false,
    isDomestic: false,
    lastAssignedAt: null,
  };
}
