/**
 * Recovery's decisions, on fakes of its collaborators: what each node answered (a listing, a 500,
 * a timeout), how many passes in a row a node has answered its list with a 500, which lives recnode
 * marked invalid, and whose failures cordon a node. Every test arranges one pass and asserts what
 * recovery decided: which bindings it removed, which nodes it blamed, whom it cancelled, and what
 * it asked the balancer for.
 */
import { Logger } from '@nestjs/common';
import type { RecnodeRecording } from '@recflow/contracts';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { Clock } from '../shared/clock';
import { UpstreamError } from '../shared/errors';
import type { RecnodeClient, RecnodeListing } from '../upstream/recnode/recnode.client';
import type { ClaimRepair } from './claim-repair';
import type { LiveBalancer } from './live-balancer';
import { LiveRecovery } from './live-recovery';
import type {
  FailureCount,
  LiveRecoveryRepository,
  WatchedBinding,
  WatchedNode,
} from './live-recovery.repository';
import type { NodeHealth } from './node-health';
import type { Notifications } from './notifications';

const NOW = new Date('2030-01-01T12:00:00Z');
const GRACE_SEC = 60;
const LIST_ERROR_PASSES = 3;
const THRESHOLD = 10;

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

const config = AppConfig.fromEnv({}).with({
  LIVE_RECOVERY_INIT_WAIT_SEC: GRACE_SEC,
  RECNODE_LIST_ERROR_PASSES: LIST_ERROR_PASSES,
  NODE_FAILURE_THRESHOLD: THRESHOLD,
  RECNODE_HEALTH_TIMEOUT_MS: 5_000,
  LIVE_RECOVERY_INTERVAL_MS: 1_000,
});

/** What a node answers this pass. */
type Answer =
  | { listing: RecnodeListing }
  | { error: UpstreamError }
  /** The node does not answer in time. */
  | 'timeout';

const node = (name: string): WatchedNode => ({
  nodeId: `id-${name}`,
  nodeName: name,
  endpoint: `http://${name}`,
});

/** A binding old enough to be judged, unless `ageSec` says otherwise. */
function binding(
  n: WatchedNode,
  liveId: string,
  patch: { ageSec?: number; streamUnavailable?: boolean } = {},
): WatchedBinding {
  return {
    ...n,
    liveId,
    boundAt: new Date(NOW.getTime() - (patch.ageSec ?? 10 * GRACE_SEC) * 1000),
    streamUnavailable: patch.streamUnavailable ?? false,
  };
}

function recording(id: string, status: RecnodeRecording['status'] = 'recording'): RecnodeRecording {
  return {
    id,
    platform: 'chzzk',
    channelId: 'ch',
    channelName: 'channel',
    liveId: 'src',
    videoName: 'video',
    fsName: 'fs',
    num: 0,
    location: 'local',
    status,
  };
}

const lists = (...recordings: RecnodeRecording[]): Answer => ({ listing: { recordings, unreadableIds: [] } });
const recordsAll = (...ids: string[]): Answer => lists(...ids.map((id) => recording(id)));
const answers500: Answer = {
  error: new UpstreamError('recnode', 'HTTP 500', 'status', 500),
};
const answers502: Answer = {
  error: new UpstreamError('recnode', 'HTTP 502', 'status', 502),
};

interface Scenario {
  nodes: WatchedNode[];
  bindings: WatchedBinding[];
  answers: Record<string, Answer>;
  /** Passes in a row each node has answered its list with a 500, this pass included. */
  listErrorPasses?: Record<string, number>;
  /** Lives recnode marked invalid, or an error when its Redis cannot be read. */
  invalid?: string[] | Error;
  cordons?: FailureCount[];
  added?: number;
}

function setup(s: Scenario) {
  const byEndpoint = new Map(s.nodes.map((n) => [n.endpoint, n]));
  const recnode = {
    listing: vi.fn(async (endpoint: string, _timeoutMs?: number) => {
      const answer = s.answers[byEndpoint.get(endpoint)!.nodeName]!;
      if (answer === 'timeout') throw new UpstreamError('recnode', 'timed out', 'timeout');
      if ('error' in answer) throw answer.error;
      return answer.listing;
    }),
    cancel: vi.fn(async (_endpoint: string, _liveId: string) => 'cancelled' as const),
  };
  const repository = {
    bindingsOfRecordingLives: vi.fn(async () => ({ bindings: s.bindings, nodes: s.nodes })),
    invalidLives: vi.fn(async (_ids: string[]) => {
      if (s.invalid instanceof Error) throw s.invalid;
      return new Set(s.invalid ?? []);
    }),
    unbind: vi.fn(async (_pairs: Array<{ liveId: string; nodeId: string }>) => undefined),
    recordFailures: vi.fn(async (_failures: Map<string, number>, _threshold: number) => s.cordons ?? []),
  };
  const health = {
    countListErrors: vi.fn(async (erring: string[], _others: string[]) => {
      const passes = new Map<string, number>();
      for (const id of erring) {
        const name = s.nodes.find((n) => n.nodeId === id)!.nodeName;
        passes.set(id, s.listErrorPasses?.[name] ?? 1);
      }
      return passes;
    }),
    record: vi.fn(async (_ids: string[]) => undefined),
  };
  const balancer = {
    balance: vi.fn(async () => ({ lives: 0, added: s.added ?? 0, removed: 0, short: 0, interrupted: 0 })),
  };
  const notifications = { nodeCordoned: vi.fn() };
  const audit = { record: vi.fn(async (..._entries: AuditEntry[]) => undefined) };
  const claims = { sweep: vi.fn(async () => 0), watch: vi.fn(async (_ids: string[]) => undefined) };
  const recovery = new LiveRecovery(
    config,
    new FixedClock(),
    repository as unknown as LiveRecoveryRepository,
    recnode as unknown as RecnodeClient,
    balancer as unknown as LiveBalancer,
    notifications as unknown as Notifications,
    audit as unknown as AuditLog,
    health as unknown as NodeHealth,
    claims as unknown as ClaimRepair,
  );
  /** The (node, live) pairs recovery removed this pass, as `name/live`, sorted. */
  const unbound = () =>
    repository.unbind.mock.calls
      .flatMap(([pairs]) => pairs)
      .map((p) => `${s.nodes.find((n) => n.nodeId === p.nodeId)!.nodeName}/${p.liveId}`)
      .sort();
  /** The failures recovery added per node name this pass (empty when none). */
  const blamed = () => {
    const failures = repository.recordFailures.mock.calls[0]?.[0] ?? new Map<string, number>();
    return Object.fromEntries(
      [...failures].map(([id, n]) => [s.nodes.find((x) => x.nodeId === id)!.nodeName, n]),
    );
  };
  const cancelled = () =>
    recnode.cancel.mock.calls.map(([endpoint, liveId]) => `${endpoint}/${liveId}`).sort();
  return {
    recovery,
    recnode,
    repository,
    health,
    balancer,
    notifications,
    audit,
    claims,
    unbound,
    blamed,
    cancelled,
  };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

const a = node('a');
const b = node('b');
const c = node('c');

describe('recovery verdicts per binding', () => {
  it("a dead node's lives are all failed over, while another node's answer keeps its lives", async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(a, 'L2'), binding(b, 'L1'), binding(b, 'L3')],
      answers: { a: 'timeout', b: recordsAll('L1', 'L3') },
    });
    const outcome = await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1', 'a/L2']);
    expect(outcome).toMatchObject({ nodes: 2, unreachable: 1, bindings: 4, failed: 2 });
  });

  it('a dead node fails even its young bindings: the grace is for slow starts, not for silence', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1', { ageSec: 1 })],
      answers: { a: 'timeout' },
    });
    await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1']);
  });

  it('a node answering without the live fails its binding once the binding is past the grace', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1', { ageSec: GRACE_SEC })],
      answers: { a: recordsAll('other') },
    });
    const outcome = await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1']);
    expect(outcome.failed).toBe(1);
    expect(f.audit.record.mock.calls[0]).toEqual([
      { kind: 'live.node_failed', liveId: 'L1', nodeId: a.nodeId, message: 'a: not recording the live' },
    ]);
  });

  it('a binding younger than the grace is left alone although its node does not record the live yet', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1', { ageSec: GRACE_SEC - 1 })],
      answers: { a: recordsAll() },
    });
    const outcome = await f.recovery.check();
    expect(outcome.failed).toBe(0);
    expect(f.repository.unbind).not.toHaveBeenCalled();
    expect(f.balancer.balance).not.toHaveBeenCalled();
  });

  it('a recorder listed as failed or waiting fails its binding, with its status as the reason', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(b, 'L1')],
      answers: { a: lists(recording('L1', 'failed')), b: lists(recording('L1', 'waiting')) },
    });
    await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1', 'b/L1']);
    const messages = f.audit.record.mock.calls[0]!.map((e) => e.message);
    expect(messages).toEqual(['a: recorder failed', 'b: recorder waiting']);
  });

  it('a recorder recording or completed is healthy, whatever the age of its binding', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1'), binding(a, 'L2')],
      answers: { a: lists(recording('L1', 'recording'), recording('L2', 'completed')) },
    });
    const outcome = await f.recovery.check();
    expect(outcome.failed).toBe(0);
    expect(f.repository.unbind).not.toHaveBeenCalled();
  });

  it('a live listed in a shape recflow cannot read is left alone: the node still holds it', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1')],
      answers: { a: { listing: { recordings: [], unreadableIds: ['L1'] } } },
    });
    const outcome = await f.recovery.check();
    expect(outcome.failed).toBe(0);
    expect(f.repository.unbind).not.toHaveBeenCalled();
  });

  it('with nothing failed, nothing is removed, counted or replaced', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(b, 'L1')],
      answers: { a: recordsAll('L1'), b: recordsAll('L1') },
    });
    const outcome = await f.recovery.check();
    expect(outcome).toEqual({
      nodes: 2,
      unreachable: 0,
      bindings: 2,
      failed: 0,
      replaced: 0,
      cordoned: 0,
      requeued: 0,
      invalid: 0,
    });
    expect(f.repository.unbind).not.toHaveBeenCalled();
    expect(f.repository.recordFailures).not.toHaveBeenCalled();
    expect(f.balancer.balance).not.toHaveBeenCalled();
    expect(f.recnode.cancel).not.toHaveBeenCalled();
  });

  it('a node with bindings is given the health timeout; a node with none only one recovery interval', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1')],
      answers: { a: recordsAll('L1'), b: recordsAll() },
    });
    await f.recovery.check();
    expect(f.recnode.listing).toHaveBeenCalledWith(a.endpoint, 5_000);
    expect(f.recnode.listing).toHaveBeenCalledWith(b.endpoint, 1_000);
  });
});

describe("recovery's patience with a list answering 500", () => {
  it('a node answering 500 fewer than RECNODE_LIST_ERROR_PASSES passes in a row is left alone', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1'), binding(a, 'L2')],
      answers: { a: answers500 },
      listErrorPasses: { a: LIST_ERROR_PASSES - 1 },
    });
    const outcome = await f.recovery.check();
    expect(outcome).toMatchObject({ unreachable: 0, failed: 0 });
    expect(f.repository.unbind).not.toHaveBeenCalled();
    expect(f.health.record).toHaveBeenCalledWith([]);
  });

  it('a node answering 500 for RECNODE_LIST_ERROR_PASSES passes is failed over, blamed and still told to cancel', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1')],
      answers: { a: answers500 },
      listErrorPasses: { a: LIST_ERROR_PASSES },
    });
    const outcome = await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1']);
    // It answers, even if badly: it is not counted unreachable, but the allocator should avoid it.
    expect(outcome.unreachable).toBe(0);
    expect(f.health.record).toHaveBeenCalledWith([a.nodeId]);
    expect(f.blamed()).toEqual({ a: 1 });
    expect(f.cancelled()).toEqual(['http://a/L1']);
    expect(f.audit.record.mock.calls[0]![0]!.message).toBe(
      'a: node keeps failing its list: recnode: HTTP 500',
    );
  });

  it('the list-error count is kept for the nodes answering 500 and restarted for every other node', async () => {
    const f = setup({
      nodes: [a, b, c],
      bindings: [],
      answers: { a: answers500, b: recordsAll(), c: 'timeout' },
    });
    await f.recovery.check();
    expect(f.health.countListErrors).toHaveBeenCalledWith([a.nodeId], [b.nodeId, c.nodeId]);
  });

  it('a 502 is no list race (it may come from a proxy before a dead node): the node is unreachable at once', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1')],
      answers: { a: answers502 },
    });
    const outcome = await f.recovery.check();
    expect(f.health.countListErrors).toHaveBeenCalledWith([], [a.nodeId]);
    expect(outcome.unreachable).toBe(1);
    expect(f.unbound()).toEqual(['a/L1']);
    expect(f.recnode.cancel).not.toHaveBeenCalled();
  });

  it('the unreachable list holds nodes that did not answer and nodes overdue on 500s, not the patient ones', async () => {
    const f = setup({
      nodes: [a, b, c, node('d')],
      bindings: [],
      answers: { a: 'timeout', b: answers500, c: answers500, d: recordsAll() },
      listErrorPasses: { b: 1, c: LIST_ERROR_PASSES + 2 },
    });
    await f.recovery.check();
    expect(f.health.record).toHaveBeenCalledWith([a.nodeId, c.nodeId]);
  });
});

describe('recovery leaves lives whose stream recnode found invalid to the invalid-live restart', () => {
  it('an invalid live stopped by answering nodes is not unbound, blamed, watched or replaced', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(b, 'L1')],
      answers: { a: recordsAll(), b: lists(recording('L1', 'failed')) },
      invalid: ['L1'],
    });
    const outcome = await f.recovery.check();
    expect(outcome).toMatchObject({ failed: 0, invalid: 1 });
    expect(f.repository.unbind).not.toHaveBeenCalled();
    expect(f.repository.recordFailures).not.toHaveBeenCalled();
    expect(f.claims.watch).not.toHaveBeenCalled();
    expect(f.balancer.balance).not.toHaveBeenCalled();
  });

  it("an invalid live's binding on a node that did not answer is still failed over", async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(b, 'L1')],
      answers: { a: 'timeout', b: recordsAll() },
      invalid: ['L1'],
    });
    await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1']);
    expect(f.blamed()).toEqual({ a: 1 });
  });

  it('only lives stopped on answering nodes are looked up, once per live', async () => {
    const f = setup({
      nodes: [a, b, c],
      bindings: [binding(a, 'L1'), binding(b, 'L1'), binding(c, 'L2'), binding(a, 'L3')],
      answers: { a: recordsAll('L3'), b: recordsAll(), c: 'timeout' },
    });
    await f.recovery.check();
    expect(f.repository.invalidLives).toHaveBeenCalledTimes(1);
    expect(f.repository.invalidLives).toHaveBeenCalledWith(['L1']);
  });

  it('the recnode Redis is not read when only unreachable nodes failed', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1')],
      answers: { a: 'timeout' },
    });
    await f.recovery.check();
    expect(f.repository.invalidLives).not.toHaveBeenCalled();
    expect(f.unbound()).toEqual(['a/L1']);
  });

  it('a valid live beside an invalid one is failed over as usual', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1'), binding(a, 'L2')],
      answers: { a: recordsAll() },
      invalid: ['L1'],
    });
    const outcome = await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L2']);
    expect(outcome).toMatchObject({ failed: 1, invalid: 1 });
  });
});

describe('whom recovery blames', () => {
  it('each failed binding counts one failure against its node, with the configured threshold', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(a, 'L2'), binding(b, 'L3')],
      answers: { a: 'timeout', b: recordsAll() },
    });
    await f.recovery.check();
    expect(f.blamed()).toEqual({ a: 2, b: 1 });
    expect(f.repository.recordFailures.mock.calls[0]![1]).toBe(THRESHOLD);
  });

  it('a recorder that stopped while its stream is unavailable is failed over without blaming its node', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1', { streamUnavailable: true }), binding(b, 'L2')],
      answers: { a: recordsAll(), b: recordsAll() },
    });
    await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1', 'b/L2']);
    expect(f.blamed()).toEqual({ b: 1 });
  });

  it('a node that does not answer is blamed even while the stream is unavailable', async () => {
    const f = setup({
      nodes: [a],
      bindings: [binding(a, 'L1', { streamUnavailable: true })],
      answers: { a: 'timeout' },
    });
    await f.recovery.check();
    expect(f.blamed()).toEqual({ a: 1 });
  });

  it('while the recnode Redis cannot be read, stopped recorders are failed over but no answering node is blamed', async () => {
    const f = setup({
      nodes: [a, b, c],
      bindings: [binding(a, 'L1'), binding(b, 'L2'), binding(c, 'L3')],
      answers: { a: recordsAll(), b: lists(recording('L2', 'failed')), c: 'timeout' },
      invalid: new Error('ECONNREFUSED'),
    });
    const outcome = await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1', 'b/L2', 'c/L3']);
    expect(f.blamed()).toEqual({ c: 1 });
    expect(outcome.invalid).toBe(0);
  });

  it('nodes that reach the threshold are announced and audited as cordoned', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(b, 'L2')],
      answers: { a: 'timeout', b: 'timeout' },
      cordons: [{ id: a.nodeId, name: 'a', failureCnt: 0 }],
    });
    const outcome = await f.recovery.check();
    expect(outcome.cordoned).toBe(1);
    expect(f.notifications.nodeCordoned).toHaveBeenCalledTimes(1);
    expect(f.notifications.nodeCordoned).toHaveBeenCalledWith('a');
    const cordonEvents = f.audit.record.mock.calls.flat().filter((e) => e.kind === 'node.cordoned');
    expect(cordonEvents).toEqual([
      { kind: 'node.cordoned', nodeId: a.nodeId, message: `cordoned: failure count reached ${THRESHOLD}` },
    ]);
  });
});

describe('what recovery does about the failures', () => {
  it('cancels are sent to the nodes that answered or keep failing their list, never to a dead one', async () => {
    const f = setup({
      nodes: [a, b, c],
      bindings: [binding(a, 'L1'), binding(b, 'L2'), binding(c, 'L3')],
      answers: { a: recordsAll(), b: answers500, c: 'timeout' },
      listErrorPasses: { b: LIST_ERROR_PASSES },
    });
    await f.recovery.check();
    expect(f.unbound()).toEqual(['a/L1', 'b/L2', 'c/L3']);
    expect(f.cancelled()).toEqual(['http://a/L1', 'http://b/L2']);
  });

  it('replacements are asked of the balancer at once, once per live, avoiding every node that failed, blamed or not', async () => {
    const f = setup({
      nodes: [a, b, c],
      bindings: [
        binding(a, 'L1'),
        binding(b, 'L1', { streamUnavailable: true }),
        binding(a, 'L2'),
        binding(c, 'L2'),
      ],
      answers: { a: 'timeout', b: recordsAll(), c: recordsAll('L2') },
      added: 3,
    });
    const outcome = await f.recovery.check();
    expect(f.balancer.balance).toHaveBeenCalledTimes(1);
    expect(f.balancer.balance).toHaveBeenCalledWith({
      liveIds: ['L1', 'L2'],
      skipGrace: true,
      avoidNodeIds: [a.nodeId, b.nodeId],
    });
    expect(outcome.replaced).toBe(3);
    expect(f.blamed()).toEqual({ a: 2 });
  });

  it('the lives of failed bindings are watched for orphaned claims, and a failed watch stops nothing', async () => {
    const f = setup({
      nodes: [a, b],
      bindings: [binding(a, 'L1'), binding(b, 'L1'), binding(a, 'L2')],
      answers: { a: 'timeout', b: 'timeout' },
      added: 1,
    });
    f.claims.watch.mockRejectedValueOnce(new Error('redis down'));
    const outcome = await f.recovery.check();
    expect(f.claims.watch).toHaveBeenCalledWith(['L1', 'L2']);
    expect(f.balancer.balance).toHaveBeenCalled();
    expect(outcome.replaced).toBe(1);
  });

  it("the claim sweep's requeued count is reported, and a failed sweep does not stop the checks", async () => {
    const ok = setup({ nodes: [a], bindings: [], answers: { a: recordsAll() } });
    ok.claims.sweep.mockResolvedValueOnce(4);
    expect((await ok.recovery.check()).requeued).toBe(4);

    const failing = setup({ nodes: [a], bindings: [binding(a, 'L1')], answers: { a: 'timeout' } });
    failing.claims.sweep.mockRejectedValueOnce(new Error('redis down'));
    const outcome = await failing.recovery.check();
    expect(outcome).toMatchObject({ requeued: 0, failed: 1 });
    expect(failing.unbound()).toEqual(['a/L1']);
  });
});
