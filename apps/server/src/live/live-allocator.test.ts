/**
 * The allocator's rounds, on fakes: a fleet of candidate nodes, a binder that may bind fewer than
 * chosen (a node filled up meanwhile) or none (the live closed), nodes whose start answers a
 * script, and the recovery pass's list of unreachable nodes. The real node selection is used.
 */
import { Logger } from '@nestjs/common';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecnodeClient, StartOutcome } from '../upstream/recnode/recnode.client';
import { LiveAllocator } from './live-allocator';
import type { CandidateNode, LiveNodeRepository } from './live-node.repository';
import type { NodeHealth } from './node-health';

const LIVE = 'L1';
const CLOSED = 'the live is no longer recording (deleted, or its finish began)';

function candidate(name: string, patch: Partial<CandidateNode> = {}): CandidateNode {
  return {
    id: name,
    name,
    endpoint: `http://${name}`,
    groupId: `g-${name}`,
    priority: 1,
    capacity: 10,
    load: 0,
    isCordoned: false,
    isDomestic: false,
    lastAssignedAt: null,
    ...patch,
  };
}

interface Scenario {
  candidates: CandidateNode[];
  /** What each node's start does; a node not named starts. */
  starts?: Record<string, StartOutcome | Error>;
  /** Nodes the binder refuses (full since selection); `closed` makes every bind answer null. */
  full?: string[];
  closed?: boolean;
  /** Whether the live is still open after the starts. */
  open?: boolean;
  unreachable?: string[];
  /** The groups of the live's nodes, as the binder reads them after a partial bind. */
  groupsOf?: string[];
}

function setup(s: Scenario) {
  const bindings = {
    candidates: vi.fn(async (_only?: { nodeIds?: string[]; groupIds?: string[] }) => s.candidates),
    bind: vi.fn(async (_liveId: string, nodeIds: string[]) =>
      s.closed ? null : nodeIds.filter((id) => !(s.full ?? []).includes(id)),
    ),
    groupsOf: vi.fn(async (_liveId: string) => s.groupsOf ?? []),
    unbind: vi.fn(async (_liveId: string, _nodeIds?: string[]) => undefined),
    isOpen: vi.fn(async (_liveId: string) => s.open ?? true),
  };
  const recnode = {
    start: vi.fn(async (endpoint: string, _liveId: string): Promise<StartOutcome> => {
      const outcome = s.starts?.[endpoint.replace('http://', '')] ?? 'started';
      if (outcome instanceof Error) throw outcome;
      return outcome;
    }),
    cancel: vi.fn(async (_endpoint: string, _liveId: string) => 'cancelled' as const),
  };
  const health = { unreachable: vi.fn(async () => new Set(s.unreachable ?? [])) };
  const allocator = new LiveAllocator(
    bindings as unknown as LiveNodeRepository,
    recnode as unknown as RecnodeClient,
    health as unknown as NodeHealth,
  );
  /** The node names asked to start, in order. */
  const asked = () => recnode.start.mock.calls.map(([endpoint]) => endpoint.replace('http://', ''));
  return { allocator, bindings, recnode, health, asked };
}

const names = (nodes: CandidateNode[]) => nodes.map((n) => n.name);

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('allocation rounds', () => {
  it('nodes that start are bound and returned, in one round, with no shortfall', async () => {
    const f = setup({ candidates: [candidate('a'), candidate('b'), candidate('c', { priority: 2 })] });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 2 });
    expect(names(result.started)).toEqual(['a', 'b']);
    expect(result).toMatchObject({ failures: [], shortfall: null, closed: false });
    expect(f.bindings.bind).toHaveBeenCalledTimes(1);
    expect(f.bindings.bind).toHaveBeenCalledWith(LIVE, ['a', 'b']);
    // Nothing refused, nothing to unbind.
    expect(f.bindings.unbind.mock.calls.flatMap(([, ids]) => ids ?? ['all'])).toEqual([]);
  });

  it('a node that cannot be reached is unbound at once and another node is tried in the next round', async () => {
    const f = setup({
      candidates: [candidate('a'), candidate('b', { priority: 2 })],
      starts: { a: new Error('recnode: timed out') },
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(f.asked()).toEqual(['a', 'b']);
    expect(names(result.started)).toEqual(['b']);
    expect(result.failures).toEqual([{ node: 'a', reason: 'recnode: timed out' }]);
    expect(f.bindings.unbind).toHaveBeenCalledWith(LIVE, ['a']);
    expect(result.shortfall).toBeNull();
  });

  it('state_missing is a refusal (the node found no recording state); already_recording counts as started', async () => {
    const f = setup({
      candidates: [candidate('a'), candidate('b'), candidate('c', { priority: 2 })],
      starts: { a: 'state_missing', b: 'already_recording' },
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 2 });
    expect(names(result.started)).toEqual(['b', 'c']);
    expect(result.failures).toEqual([
      { node: 'a', reason: 'the node found no recording state for the live' },
    ]);
    expect(f.bindings.unbind).toHaveBeenCalledWith(LIVE, ['a']);
  });

  it("a started node's group is not used again in later rounds", async () => {
    const f = setup({
      candidates: [
        candidate('a', { groupId: 'G1' }),
        candidate('b', { groupId: 'G2' }),
        candidate('a2', { groupId: 'G1', priority: 2 }),
        candidate('c', { groupId: 'G3', priority: 3 }),
      ],
      starts: { b: new Error('refused') },
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 2 });
    expect(names(result.started)).toEqual(['a', 'c']);
    expect(f.asked()).not.toContain('a2');
  });

  it('the groups and nodes to exclude are never chosen', async () => {
    const f = setup({
      candidates: [candidate('a', { groupId: 'taken' }), candidate('b'), candidate('c', { priority: 2 })],
    });
    const result = await f.allocator.allocate({
      liveId: LIVE,
      count: 1,
      excludeGroupIds: ['taken'],
      excludeNodeIds: ['b'],
    });
    expect(names(result.started)).toEqual(['c']);
  });

  it('the candidates are narrowed to the nodes or groups asked for', async () => {
    const f = setup({ candidates: [candidate('a')] });
    await f.allocator.allocate({ liveId: LIVE, count: 1, onlyNodeIds: ['a'], onlyGroupIds: ['g-a'] });
    expect(f.bindings.candidates).toHaveBeenCalledWith({ nodeIds: ['a'], groupIds: ['g-a'] });
  });
});

describe('shortfalls', () => {
  it('with no candidate at all, the shortfall says no node is available', async () => {
    const f = setup({ candidates: [] });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(result).toEqual({
      started: [],
      failures: [],
      shortfall: 'no node is available (none registered, or all cordoned)',
      closed: false,
    });
    expect(f.bindings.bind).not.toHaveBeenCalled();
  });

  it('when the candidates run out after some started, the shortfall counts them, naming domestic nodes if asked', async () => {
    const f = setup({
      candidates: [
        candidate('a', { isDomestic: true }),
        candidate('b', { isDomestic: true, groupId: 'g-a' }),
      ],
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 2, domesticOnly: true });
    expect(names(result.started)).toEqual(['a']);
    expect(result.shortfall).toBe(
      'no node with free capacity in another group among domestic nodes (1 of 2 started)',
    );
    expect(result.closed).toBe(false);
  });

  it('every node refusing ends in a shortfall once the candidates are spent', async () => {
    const f = setup({
      candidates: [candidate('a'), candidate('b')],
      starts: { a: 'state_missing', b: new Error('503') },
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(result.started).toEqual([]);
    expect(result.failures.map((x) => x.node).sort()).toEqual(['a', 'b']);
    expect(result.shortfall).toBe('no node with free capacity in another group (0 of 1 started)');
  });
});

describe('concurrent changes while allocating', () => {
  it('a live gone or being finished binds nothing: no node is asked, and the result is closed', async () => {
    const f = setup({ candidates: [candidate('a')], closed: true });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(result).toEqual({ started: [], failures: [], shortfall: CLOSED, closed: true });
    expect(f.recnode.start).not.toHaveBeenCalled();
  });

  it('a node that filled up before binding is not asked, and the next round avoids it and the groups the live now has', async () => {
    const f = setup({
      candidates: [
        candidate('a'),
        candidate('full'),
        candidate('sameGroupAsOther', { groupId: 'G-other', priority: 2 }),
        candidate('c', { priority: 3 }),
      ],
      full: ['full'],
      groupsOf: ['g-a', 'G-other'],
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 2 });
    expect(f.asked()).toEqual(['a', 'c']);
    expect(names(result.started)).toEqual(['a', 'c']);
    expect(f.bindings.bind.mock.calls.map(([, ids]) => ids)).toEqual([['a', 'full'], ['c']]);
  });

  it('recorders started after the finish began are withdrawn: cancelled, unbound, and none is returned', async () => {
    const f = setup({ candidates: [candidate('a'), candidate('b')], open: false });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 2 });
    expect(result).toEqual({ started: [], failures: [], shortfall: CLOSED, closed: true });
    expect(f.recnode.cancel.mock.calls).toEqual([
      ['http://a', LIVE],
      ['http://b', LIVE],
    ]);
    expect(f.bindings.unbind).toHaveBeenLastCalledWith(LIVE, ['a', 'b']);
  });

  it('nothing is withdrawn when no node started, even if the live closed meanwhile', async () => {
    const f = setup({ candidates: [candidate('a')], starts: { a: new Error('refused') }, open: false });
    await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(f.bindings.isOpen).not.toHaveBeenCalled();
    expect(f.recnode.cancel).not.toHaveBeenCalled();
  });
});

describe('nodes the last recovery pass found unreachable', () => {
  it('are passed over while a reachable node can be chosen', async () => {
    const f = setup({
      candidates: [candidate('down'), candidate('up', { priority: 5 })],
      unreachable: ['down'],
    });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(names(result.started)).toEqual(['up']);
    expect(f.asked()).toEqual(['up']);
  });

  it('are still tried when no reachable node is left: the list may be one pass old', async () => {
    const f = setup({ candidates: [candidate('down')], unreachable: ['down'] });
    const result = await f.allocator.allocate({ liveId: LIVE, count: 1 });
    expect(names(result.started)).toEqual(['down']);
  });
});
