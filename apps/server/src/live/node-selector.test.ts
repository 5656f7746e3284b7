import { describe, expect, it } from 'vitest';
import { type Candidate, selectNodes } from './node-selector';

let seq = 0;
function node(patch: Partial<Candidate> = {}): Candidate {
  seq++;
  return {
    id: `n${String(seq).padStart(3, '0')}`,
    groupId: `g${seq}`,
    priority: 1,
    capacity: 10,
    load: 0,
    isCordoned: false,
    isDomestic: false,
    lastAssignedAt: null,
    ...patch,
  };
}
const ids = (nodes: Candidate[]) => nodes.map((n) => n.id);

describe('node selection', () => {
  it('takes the best priority tier only, then the least loaded, then the least recently assigned', () => {
    const busy = node({ load: 5 });
    const idle = node({ load: 1, lastAssignedAt: new Date(2000) });
    const idleOlder = node({ load: 1, lastAssignedAt: new Date(1000) });
    const neverAssigned = node({ load: 1 });
    const worseTier = node({ priority: 2 });
    expect(ids(selectNodes([busy, idle, idleOlder, worseTier], { count: 1 }))).toEqual([idleOlder.id]);
    expect(ids(selectNodes([busy, idle, idleOlder, neverAssigned], { count: 1 }))).toEqual([
      neverAssigned.id,
    ]);
    expect(ids(selectNodes([busy, worseTier], { count: 1 }))).toEqual([busy.id]);
  });

  it('falls to the next tier only when the best tier is full or excluded', () => {
    const full = node({ load: 2, capacity: 2 });
    const next = node({ priority: 2 });
    expect(ids(selectNodes([full, next], { count: 1 }))).toEqual([next.id]);
  });

  it('never picks a cordoned node, nor an excluded node or group', () => {
    const cordoned = node({ isCordoned: true });
    const excluded = node();
    const inExcludedGroup = node();
    const ok = node({ priority: 3 });
    const picked = selectNodes([cordoned, excluded, inExcludedGroup, ok], {
      count: 1,
      excludeNodeIds: new Set([excluded.id]),
      excludeGroupIds: new Set([inExcludedGroup.groupId]),
    });
    expect(ids(picked)).toEqual([ok.id]);
  });

  it('picks several nodes from distinct groups', () => {
    const a1 = node({ groupId: 'A' });
    const a2 = node({ groupId: 'A' });
    const b1 = node({ groupId: 'B', load: 3 });
    expect(ids(selectNodes([a1, a2, b1], { count: 2 }))).toEqual([a1.id, b1.id]);
    expect(selectNodes([a1, a2], { count: 2 })).toHaveLength(1);
  });

  it('keeps domestic-only lives on domestic nodes, and prefers overseas nodes when asked', () => {
    const domestic = node({ isDomestic: true, priority: 2 });
    const overseas = node({ isDomestic: false, load: 4 });
    expect(ids(selectNodes([domestic, overseas], { count: 1, domesticOnly: true }))).toEqual([domestic.id]);
    expect(ids(selectNodes([domestic, overseas], { count: 1, overseasFirst: true }))).toEqual([overseas.id]);
    const fullOverseas = node({ isDomestic: false, load: 10 });
    expect(ids(selectNodes([domestic, fullOverseas], { count: 1, overseasFirst: true }))).toEqual([
      domestic.id,
    ]);
  });
});
