/**
 * Which nodes should record a live, as a pure function over candidate rows:
 * - never a cordoned or full node, nor one of an excluded group or node;
 * - `domesticOnly` keeps domestic nodes only; `overseasFirst` prefers the others and falls back;
 * - among what is left, only the best (lowest) priority tier, then the least loaded, then the
 *   least recently assigned (never assigned first), then the id for a stable order;
 * - several nodes are picked one at a time, each from a group not used yet.
 */
export interface Candidate {
  id: string;
  groupId: string;
  priority: number;
  capacity: number;
  load: number;
  isCordoned: boolean;
  isDomestic: boolean;
  lastAssignedAt: Date | null;
}

export interface Selection {
  count: number;
  domesticOnly?: boolean;
  overseasFirst?: boolean;
  excludeNodeIds?: ReadonlySet<string>;
  excludeGroupIds?: ReadonlySet<string>;
}

function better(a: Candidate, b: Candidate): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.load !== b.load) return a.load - b.load;
  const at = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pickOne(pool: Candidate[], overseasFirst: boolean): Candidate | undefined {
  const preferred = overseasFirst ? pool.filter((c) => !c.isDomestic) : pool;
  const from = preferred.length > 0 ? preferred : pool;
  return [...from].sort(better)[0];
}

export function selectNodes(candidates: readonly Candidate[], selection: Selection): Candidate[] {
  const usable = candidates.filter(
    (c) =>
      !c.isCordoned &&
      c.load < c.capacity &&
      !selection.excludeNodeIds?.has(c.id) &&
      !selection.excludeGroupIds?.has(c.groupId) &&
      (!selection.domesticOnly || c.isDomestic),
  );
  const chosen: Candidate[] = [];
  const usedGroups = new Set<string>();
  while (chosen.length < selection.count) {
    const next = pickOne(
      usable.filter((c) => !usedGroups.has(c.groupId)),
      selection.overseasFirst ?? false,
    );
    if (!next) break;
    chosen.push(next);
    usedGroups.add(next.groupId);
  }
  return chosen;
}
