/**
 * The drain's decisions, on fakes and a fake clock: a live moves off a draining node only once its
 * replacement reports `recording`, and counts as moved only once the old recorder has uploaded and
 * left the node's list; a live without a replacement stays where it is, reported stuck. The
 * drainer reads its bindings through drizzle's query builder, so the fake database answers each
 * `select(...)` chain with the rows its fields and condition ask for. Cordoning and queueing
 * (`start`, `undrain`) are database statements and the queue: left to the integration tests.
 */
import { Logger } from '@nestjs/common';
import type { RecnodeRecording } from '@recflow/contracts';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import type { DatabaseHandle } from '../db/db.module';
import { NotFoundError } from '../shared/errors';
import type { JobProducer } from '../tasks/job-producer';
import type { RecnodeClient } from '../upstream/recnode/recnode.client';
import { candidateNode } from './candidate-node.fixture';
import type { AllocationRequest, LiveAllocator } from './live-allocator';
import type { CandidateNode, LiveNodeRepository } from './live-node.repository';
import { type DrainJob, type DrainReport, NodeDrainer } from './node-drainer';

const dialect = new PgDialect();
const DRAIN_WAIT_SEC = 5;
const config = AppConfig.fromEnv({}).with({ DRAIN_WAIT_SEC, HTTP_TIMEOUT_MS: 1_000 });

const DRAINING = { id: 'id-old', endpoint: 'http://old' };

const candidate = candidateNode;

/** A drizzle query chain: every builder method returns the chain, awaiting it gives the rows. */
function chain(rows: (where: SQL | undefined) => unknown[]) {
  let where: SQL | undefined;
  const proxy: object = new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === 'then')
          return (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
            Promise.resolve()
              .then(() => rows(where))
              .then(resolve, reject);
        return (...args: unknown[]) => {
          if (prop === 'where') where = args[0] as SQL;
          return proxy;
        };
      },
    },
  );
  return proxy;
}

interface Scenario {
  lives: string[];
  /** The replacement the allocator starts for each live; a live not named gets none. */
  replacements?: Record<string, CandidateNode>;
  /** The statuses the replacement reports for the live, poll after poll (the last one repeats). */
  replacementStatus?: Array<RecnodeRecording['status'] | 'absent'>;
  /** Whether the draining node still lists the live, poll after poll (the last one repeats). */
  oldListed?: boolean[];
}

function setup(s: Scenario) {
  const log: string[] = [];
  const db = {
    select: vi.fn((fields: Record<string, unknown>) =>
      chain((where) => {
        if ('endpoint' in fields)
          return s.lives.map((liveId) => ({ liveId, nodeId: DRAINING.id, endpoint: DRAINING.endpoint }));
        // The live's current bindings: the draining node's.
        const liveId = dialect.sqlToQuery(where!).params[0];
        return s.lives.includes(String(liveId)) ? [{ nodeId: DRAINING.id, groupId: 'g-old' }] : [];
      }),
    ),
  };
  const allocator = {
    allocate: vi.fn(async (request: AllocationRequest) => {
      const node = s.replacements?.[request.liveId];
      return { started: node ? [node] : [], failures: [], shortfall: node ? null : 'none', closed: false };
    }),
  };
  const bindings = {
    unbind: vi.fn(async (liveId: string, nodeIds?: string[]) => {
      log.push(`unbind ${liveId} ${nodeIds?.join(',')}`);
    }),
  };
  let replacementPolls = 0;
  let oldPolls = 0;
  const recnode = {
    recordings: vi.fn(async (endpoint: string) => {
      const script = s.replacementStatus ?? ['recording'];
      const status = script[Math.min(replacementPolls++, script.length - 1)]!;
      log.push(`poll ${endpoint} ${status}`);
      return status === 'absent' ? [] : s.lives.map((id) => ({ id, status }) as RecnodeRecording);
    }),
    listedIds: vi.fn(async (_endpoint: string) => {
      const script = s.oldListed ?? [false];
      return script[Math.min(oldPolls++, script.length - 1)]! ? [...s.lives] : [];
    }),
    cancel: vi.fn(async (endpoint: string, liveId: string) => {
      log.push(`cancel ${endpoint} ${liveId}`);
      return 'cancelled' as const;
    }),
  };
  const audit = { record: vi.fn(async (..._entries: AuditEntry[]) => undefined) };
  const drainer = new NodeDrainer(
    config,
    { database: { db } } as unknown as DatabaseHandle,
    {} as JobProducer,
    allocator as unknown as LiveAllocator,
    bindings as unknown as LiveNodeRepository,
    recnode as unknown as RecnodeClient,
    audit as unknown as AuditLog,
  );
  const reports: DrainReport[] = [];
  const job: DrainJob = { nodeIds: [DRAINING.id], nodeNames: ['old'], total: s.lives.length };
  const run = async () => {
    const started = Date.now();
    const done = drainer.drain(job, async (p) => {
      reports.push(structuredClone(p));
    });
    await vi.runAllTimersAsync();
    return { report: await done, tookMs: Date.now() - started };
  };
  return { drainer, run, allocator, bindings, recnode, audit, log, reports };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('draining the lives off a node', () => {
  it('the draining node is released only once the replacement reports recording, and the live counts as moved', async () => {
    const f = setup({
      lives: ['L1'],
      replacements: { L1: candidate('new') },
      replacementStatus: ['absent', 'waiting', 'recording'],
    });
    const { report } = await f.run();
    expect(report).toEqual({ moved: 1, stuck: [] });
    expect(f.log.slice(0, 4)).toEqual([
      'poll http://new absent',
      'poll http://new waiting',
      'poll http://new recording',
      'unbind L1 id-old',
    ]);
    expect(f.recnode.cancel).toHaveBeenCalledWith(DRAINING.endpoint, 'L1');
    expect(f.audit.record.mock.calls.flat().map((e) => [e.kind, e.nodeId])).toEqual([
      ['live.node_added', 'id-new'],
      ['live.node_drained', 'id-old'],
    ]);
  });

  it("the replacement comes from another group than the live's, and never is the draining node", async () => {
    const f = setup({ lives: ['L1'], replacements: { L1: candidate('new') } });
    await f.run();
    expect(f.allocator.allocate).toHaveBeenCalledWith({
      liveId: 'L1',
      count: 1,
      excludeGroupIds: ['g-old'],
      excludeNodeIds: [DRAINING.id],
    });
  });

  it('a live that gets no replacement stays on the draining node and is reported stuck', async () => {
    const f = setup({ lives: ['L1'] });
    const { report } = await f.run();
    expect(report).toEqual({ moved: 0, stuck: ['L1'] });
    expect(f.bindings.unbind).not.toHaveBeenCalled();
    expect(f.recnode.cancel).not.toHaveBeenCalled();
  });

  it('a replacement that does not record within DRAIN_WAIT_SEC leaves the live on the draining node, stuck', async () => {
    const f = setup({
      lives: ['L1'],
      replacements: { L1: candidate('new') },
      replacementStatus: ['waiting'],
    });
    const { report, tookMs } = await f.run();
    expect(report).toEqual({ moved: 0, stuck: ['L1'] });
    expect(f.bindings.unbind).not.toHaveBeenCalled();
    expect(f.recnode.cancel).not.toHaveBeenCalled();
    expect(tookMs).toBeGreaterThanOrEqual(DRAIN_WAIT_SEC * 1000);
  });

  it('an old recorder still listed when the wait runs out makes the live stuck, although it was released', async () => {
    const f = setup({ lives: ['L1'], replacements: { L1: candidate('new') }, oldListed: [true] });
    const { report } = await f.run();
    expect(report).toEqual({ moved: 0, stuck: ['L1'] });
    expect(f.bindings.unbind).toHaveBeenCalledWith('L1', [DRAINING.id]);
    const drained = f.audit.record.mock.calls.flat().find((e) => e.kind === 'live.node_drained')!;
    expect(drained.message).toBe('released after new recorded, but its recorder did not stop in time');
  });

  it('an old recorder counts as gone only after two answers in a row without the live', async () => {
    const f = setup({
      lives: ['L1'],
      replacements: { L1: candidate('new') },
      oldListed: [true, false, true, false, false],
    });
    const { report } = await f.run();
    expect(report).toEqual({ moved: 1, stuck: [] });
    expect(f.recnode.listedIds).toHaveBeenCalledTimes(5);
  });

  it('progress is reported as each live settles, moved or stuck', async () => {
    const f = setup({ lives: ['L1', 'L2'], replacements: { L2: candidate('new') } });
    const { report } = await f.run();
    expect(report).toEqual({ moved: 1, stuck: ['L1'] });
    expect(f.reports).toEqual([
      { moved: 0, stuck: ['L1'] },
      { moved: 1, stuck: ['L1'] },
    ]);
  });

  it('a live whose allocation throws stays where it is, stuck, and the other lives still move', async () => {
    const f = setup({ lives: ['L1', 'L2'], replacements: { L1: candidate('a'), L2: candidate('b') } });
    f.allocator.allocate.mockRejectedValueOnce(new Error('database gone'));
    const { report } = await f.run();
    expect(report.moved).toBe(1);
    expect(report.stuck).toHaveLength(1);
  });
});

describe("a drain's progress", () => {
  function withJob(job: { state: string; progress: unknown; failedReason?: string } | null) {
    const getJob = vi.fn(async (_id: string) =>
      job
        ? {
            data: { nodeIds: ['id-old'], nodeNames: ['old'], total: 3 } satisfies DrainJob,
            progress: job.progress,
            failedReason: job.failedReason,
            getState: async () => job.state,
          }
        : undefined,
    );
    const producer = { queue: vi.fn(() => ({ getJob })) };
    return new NodeDrainer(
      config,
      {} as DatabaseHandle,
      producer as unknown as JobProducer,
      {} as LiveAllocator,
      {} as LiveNodeRepository,
      {} as RecnodeClient,
      {} as AuditLog,
    );
  }

  it('reports a queued, delayed or prioritized job as waiting, and active, completed or failed as they are', async () => {
    const states: Record<string, string> = {};
    for (const state of ['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed'])
      states[state] = (await withJob({ state, progress: 0 }).progress('d')).state;
    expect(states).toEqual({
      waiting: 'waiting',
      delayed: 'waiting',
      prioritized: 'waiting',
      active: 'active',
      completed: 'completed',
      failed: 'failed',
    });
  });

  it("reports the job's moved and stuck lives, zero before its first report, and why it failed", async () => {
    const running = await withJob({ state: 'active', progress: { moved: 2, stuck: ['L9'] } }).progress('d');
    expect(running).toEqual({
      id: 'd',
      state: 'active',
      nodes: ['old'],
      total: 3,
      moved: 2,
      stuck: ['L9'],
      error: null,
    });
    const fresh = await withJob({ state: 'waiting', progress: 0 }).progress('d');
    expect(fresh).toMatchObject({ moved: 0, stuck: [] });
    const failed = await withJob({ state: 'failed', progress: 0, failedReason: 'boom' }).progress('d');
    expect(failed.error).toBe('boom');
  });

  it('an unknown drain is not found', async () => {
    await expect(withJob(null).progress('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
