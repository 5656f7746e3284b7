/**
 * The balancer's decisions per live, on fakes: the lives as its view reads them, their LiveStates
 * on the recnode master, and an allocator that starts what it is told to. Every test asserts what
 * the balancer asked for: nodes added, bindings removed, lives abandoned, notices sent.
 */
import { Logger } from '@nestjs/common';
import type { LiveState } from '@recflow/contracts';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { Clock } from '../shared/clock';
import type { RecnodeClient } from '../upstream/recnode/recnode.client';
import type { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { candidateNode } from './candidate-node.fixture';
import type { LiveRepository } from './live.repository';
import type { AllocationView, LiveAllocationRepository } from './live-allocation.repository';
import type { AllocationRequest, AllocationResult, LiveAllocator } from './live-allocator';
import { LiveBalancer } from './live-balancer';
import type { LiveNodeRepository } from './live-node.repository';
import type { Notifications } from './notifications';

const NOW = new Date('2030-01-01T12:00:00Z');
const GRACE_SEC = 15;
const REGISTRATION_TIMEOUT_SEC = 120;

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

const config = AppConfig.fromEnv({}).with({
  LIVE_ALLOCATION_INIT_WAIT_SEC: GRACE_SEC,
  LIVE_REGISTRATION_TIMEOUT_SEC: REGISTRATION_TIMEOUT_SEC,
  NODES_PER_LIVE: 2,
  MAX_CONCURRENT_LIVE: 3,
});

type Binding = AllocationView['nodes'][number];

function bound(name: string, patch: Partial<Binding> = {}): Binding {
  return {
    nodeId: `id-${name}`,
    groupId: `g-${name}`,
    endpoint: `http://${name}`,
    boundAt: '2030-01-01T11:00:00.000Z',
    isCordoned: false,
    ...patch,
  };
}

/** A recording live past the grace, on no node, with no target of its own. */
function live(id: string, patch: Partial<AllocationView> & { ageSec?: number } = {}): AllocationView {
  const { ageSec = 10 * GRACE_SEC, ...rest } = patch;
  return {
    id,
    status: 'recording',
    createdAt: new Date(NOW.getTime() - ageSec * 1000),
    platform: 'chzzk',
    sourceId: `src-${id}`,
    liveTitle: `title ${id}`,
    viewCnt: 42,
    channelName: `channel-${id}`,
    domesticOnly: false,
    overseasFirst: false,
    nodesPerLive: null,
    nodes: [],
    ...rest,
  };
}

const validState = { isInvalid: false } as LiveState;
const invalidState = { isInvalid: true } as LiveState;

const candidate = candidateNode;

interface Scenario {
  lives: AllocationView[];
  /** Each live's LiveState, by live id; a live not named has a valid one. */
  states?: Record<string, LiveState | null | undefined>;
  /** What the allocator answers; by default it starts as many fresh nodes as asked. */
  allocate?: (request: AllocationRequest) => AllocationResult;
}

function setup(s: Scenario) {
  let fresh = 0;
  const view = { activeLives: vi.fn(async (_ids?: string[]) => s.lives) };
  const recnodeRedis = {
    liveStates: vi.fn(async (ids: string[], _from?: string) =>
      ids.map((id) => (id in (s.states ?? {}) ? s.states![id] : validState)),
    ),
    deleteLiveState: vi.fn(async (_id: string) => undefined),
  };
  const allocator = {
    allocate: vi.fn(
      async (request: AllocationRequest): Promise<AllocationResult> =>
        s.allocate?.(request) ?? {
          started: Array.from({ length: request.count }, () => candidate(`new${++fresh}`)),
          failures: [],
          shortfall: null,
          closed: false,
        },
    ),
  };
  const bindings = { unbind: vi.fn(async (_liveId: string, _nodeIds?: string[]) => undefined) };
  const lives = { markFailed: vi.fn(async (_id: string, _reason: string) => undefined) };
  const recnode = { cancel: vi.fn(async (_endpoint: string, _liveId: string) => 'cancelled' as const) };
  const notifications = { noNode: vi.fn() };
  const audit = { record: vi.fn(async (..._entries: AuditEntry[]) => undefined) };
  const balancer = new LiveBalancer(
    config,
    new FixedClock(),
    view as unknown as LiveAllocationRepository,
    allocator as unknown as LiveAllocator,
    bindings as unknown as LiveNodeRepository,
    lives as unknown as LiveRepository,
    recnode as unknown as RecnodeClient,
    recnodeRedis as unknown as RecnodeRedis,
    notifications as unknown as Notifications,
    audit as unknown as AuditLog,
  );
  const events = () => audit.record.mock.calls.flat();
  return { balancer, view, recnodeRedis, allocator, bindings, lives, recnode, notifications, audit, events };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('lives below their target', () => {
  it('a live below its target is given the missing nodes, outside the groups and nodes it has', async () => {
    const f = setup({ lives: [live('L1', { nodes: [bound('a')] })] });
    const outcome = await f.balancer.balance();
    expect(f.allocator.allocate).toHaveBeenCalledWith({
      liveId: 'L1',
      count: 1,
      domesticOnly: false,
      overseasFirst: false,
      excludeGroupIds: ['g-a'],
      excludeNodeIds: ['id-a'],
    });
    expect(outcome).toMatchObject({ lives: 1, added: 1, removed: 0 });
    expect(f.events()).toEqual([
      {
        kind: 'live.node_added',
        liveId: 'L1',
        nodeId: 'id-new1',
        message: 'new1 started recording (bringing the live to its target)',
      },
    ]);
  });

  it("the target is the grade's nodes per live, capped at MAX_CONCURRENT_LIVE, else NODES_PER_LIVE", async () => {
    const f = setup({
      lives: [live('big', { nodesPerLive: 9 }), live('one', { nodesPerLive: 1 }), live('default')],
    });
    await f.balancer.balance();
    const counts = Object.fromEntries(f.allocator.allocate.mock.calls.map(([r]) => [r.liveId, r.count]));
    expect(counts).toEqual({ big: 3, one: 1, default: 2 });
  });

  it("a live's placement preferences and the nodes to avoid are passed to the allocator", async () => {
    const f = setup({
      lives: [live('L1', { domesticOnly: true, overseasFirst: true, nodes: [bound('a')] })],
    });
    await f.balancer.balance({ avoidNodeIds: ['id-dead'] });
    expect(f.allocator.allocate.mock.calls[0]![0]).toMatchObject({
      domesticOnly: true,
      overseasFirst: true,
      excludeNodeIds: ['id-a', 'id-dead'],
    });
  });

  it('a live younger than the grace is left alone, unless the grace is skipped to replace a failed node', async () => {
    const young = live('L1', { ageSec: GRACE_SEC - 1 });
    const waiting = setup({ lives: [young] });
    expect((await waiting.balancer.balance()).added).toBe(0);
    expect(waiting.allocator.allocate).not.toHaveBeenCalled();

    const replacing = setup({ lives: [young] });
    expect((await replacing.balancer.balance({ skipGrace: true })).added).toBe(2);
    expect(replacing.events()[0]!.message).toBe('new1 started recording (replacing a failed node)');
  });

  it('a live whose LiveState is missing or marked invalid is left alone', async () => {
    const f = setup({
      lives: [live('missing'), live('gone'), live('invalid'), live('ok')],
      states: { missing: null, gone: undefined, invalid: invalidState },
    });
    const outcome = await f.balancer.balance();
    expect(f.allocator.allocate.mock.calls.map(([r]) => r.liveId)).toEqual(['ok']);
    expect(outcome.added).toBe(2);
  });

  it('the LiveStates are read from the recnode master, one read for every live', async () => {
    const f = setup({ lives: [live('L1'), live('L2')] });
    await f.balancer.balance({ liveIds: ['L1', 'L2'] });
    expect(f.view.activeLives).toHaveBeenCalledWith(['L1', 'L2']);
    expect(f.recnodeRedis.liveStates).toHaveBeenCalledTimes(1);
    expect(f.recnodeRedis.liveStates).toHaveBeenCalledWith(['L1', 'L2'], 'master');
  });

  it('with no live to look at, the recnode Redis is not read', async () => {
    const f = setup({ lives: [] });
    expect(await f.balancer.balance()).toEqual({ lives: 0, added: 0, removed: 0, short: 0, interrupted: 0 });
    expect(f.recnodeRedis.liveStates).not.toHaveBeenCalled();
  });

  it('a live that cannot get all its nodes is announced once per pass as short of nodes', async () => {
    const f = setup({
      lives: [live('L1')],
      allocate: () => ({
        started: [candidate('x')],
        failures: [],
        shortfall: '1 of 2 node(s) started',
        closed: false,
      }),
    });
    const outcome = await f.balancer.balance();
    expect(outcome).toMatchObject({ added: 1, short: 1 });
    expect(f.notifications.noNode).toHaveBeenCalledWith('channel-L1', {
      viewCnt: 42,
      liveTitle: 'title L1',
      type: 'chzzk',
      liveUid: 'src-L1',
    });
  });

  it('a live closed while it was being allocated is no shortage: no notice', async () => {
    const f = setup({
      lives: [live('L1')],
      allocate: () => ({ started: [], failures: [], shortfall: 'closed', closed: true }),
    });
    const outcome = await f.balancer.balance();
    expect(outcome.short).toBe(0);
    expect(f.notifications.noNode).not.toHaveBeenCalled();
  });

  it('a live at its target is neither given nor relieved of nodes', async () => {
    const f = setup({ lives: [live('L1', { nodes: [bound('a'), bound('b')] })] });
    const outcome = await f.balancer.balance();
    expect(outcome).toMatchObject({ added: 0, removed: 0 });
    expect(f.allocator.allocate).not.toHaveBeenCalled();
    expect(f.bindings.unbind).not.toHaveBeenCalled();
  });
});

describe('lives above their target', () => {
  it('the youngest bindings beyond the target are cancelled and unbound first', async () => {
    const f = setup({
      lives: [
        live('L1', {
          nodesPerLive: 1,
          nodes: [
            bound('old', { boundAt: '2030-01-01T10:00:00.000Z' }),
            bound('newest', { boundAt: '2030-01-01T11:30:00.000Z' }),
            bound('newer', { boundAt: '2030-01-01T11:00:00.000Z' }),
          ],
        }),
      ],
    });
    const outcome = await f.balancer.balance();
    expect(outcome.removed).toBe(2);
    expect(f.bindings.unbind).toHaveBeenCalledWith('L1', ['id-newest', 'id-newer']);
    expect(f.recnode.cancel.mock.calls.map(([endpoint]) => endpoint)).toEqual([
      'http://newest',
      'http://newer',
    ]);
    expect(f.events()).toEqual([
      {
        kind: 'live.node_removed',
        liveId: 'L1',
        nodeId: 'id-newest',
        message: 'released: more nodes than the target of 1',
      },
      {
        kind: 'live.node_removed',
        liveId: 'L1',
        nodeId: 'id-newer',
        message: 'released: more nodes than the target of 1',
      },
    ]);
  });

  it('between bindings of the same age, the higher node id goes first', async () => {
    const f = setup({
      lives: [live('L1', { nodesPerLive: 1, nodes: [bound('a'), bound('c'), bound('b')] })],
    });
    await f.balancer.balance();
    expect(f.bindings.unbind).toHaveBeenCalledWith('L1', ['id-c', 'id-b']);
  });

  it('a live with a binding on a cordoned node is being drained: its extra is left alone', async () => {
    const f = setup({
      lives: [live('L1', { nodesPerLive: 1, nodes: [bound('a', { isCordoned: true }), bound('b')] })],
    });
    const outcome = await f.balancer.balance();
    expect(outcome.removed).toBe(0);
    expect(f.recnode.cancel).not.toHaveBeenCalled();
    expect(f.bindings.unbind).not.toHaveBeenCalled();
  });

  it('the extras of a live whose LiveState is invalid are left for the invalid-live restart', async () => {
    const f = setup({
      lives: [live('L1', { nodesPerLive: 1, nodes: [bound('a'), bound('b')] })],
      states: { L1: invalidState },
    });
    expect((await f.balancer.balance()).removed).toBe(0);
    expect(f.bindings.unbind).not.toHaveBeenCalled();
  });
});

describe('initializing lives', () => {
  it('a live still initializing past the registration timeout is abandoned: cancelled, unbound, its state deleted, failed', async () => {
    const f = setup({
      lives: [
        live('L1', { status: 'initializing', ageSec: REGISTRATION_TIMEOUT_SEC + 1, nodes: [bound('a')] }),
      ],
    });
    f.recnodeRedis.deleteLiveState.mockRejectedValueOnce(new Error('redis down'));
    const outcome = await f.balancer.balance();
    expect(outcome.interrupted).toBe(1);
    expect(f.recnode.cancel).toHaveBeenCalledWith('http://a', 'L1');
    expect(f.bindings.unbind).toHaveBeenCalledWith('L1');
    expect(f.recnodeRedis.deleteLiveState).toHaveBeenCalledWith('L1');
    expect(f.lives.markFailed).toHaveBeenCalledWith(
      'L1',
      'registration was interrupted before any node confirmed',
    );
    expect(f.events()).toEqual([
      {
        kind: 'live.failed',
        liveId: 'L1',
        message: 'registration was interrupted before any node confirmed',
      },
    ]);
  });

  it('a live initializing within the registration timeout is left to its registration, even below target', async () => {
    const f = setup({
      lives: [live('L1', { status: 'initializing', ageSec: REGISTRATION_TIMEOUT_SEC - 1 })],
    });
    const outcome = await f.balancer.balance({ skipGrace: true });
    expect(outcome).toMatchObject({ interrupted: 0, added: 0 });
    expect(f.allocator.allocate).not.toHaveBeenCalled();
    expect(f.lives.markFailed).not.toHaveBeenCalled();
  });
});
