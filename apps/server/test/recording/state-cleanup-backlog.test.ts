import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  LIVES_KEY,
  type LiveState,
  liveStateKey,
  RECNODE_PROTOCOL,
  segmentKey,
  segmentLockKey,
  segmentRetryKey,
  segmentSetKey,
  successLockKey,
} from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveStateCleaner, type StateCleanupOutcome } from '../../src/live/live-state-cleaner';
import { CLEANUP_CONNECTION_NAME, RecnodeRedis } from '../../src/upstream/recnode/recnode-redis';
import { TEST_REDIS_URL } from '../support/env';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

// A recnode Redis database of this file's own: its backlog must not be mistaken for another file's
// states, nor theirs for its orphans.
const RECNODE_DB = 9;
const GRACE_SEC = 60;
/** The bound of one run: segment numbers read and cleared. */
const MAX_SEGMENTS = 20_000;
/** Lives a run may look at: large, so that only the key bound limits a run. */
const BATCH_SIZE = 100;

// The backlog of a first deployment next to the old system's 7-day states: ended lives of a few
// hundred segments, some of thousands, one larger than a whole run, and a few states no live owns.
const LONG = { lives: 30, segments: 6_000 };
const SHORT = { lives: 270, segments: 300 };
const HUGE = { lives: 1, segments: 25_000 };
const ORPHANS = 20;
/** Lives still recording: the other loops' reads go to their states while the backlog is cleaned. */
const RECORDING = 50;
/** Every this many numbers one is missing, its claim left behind by a dead node. */
const GAP_EVERY = 1_000;

interface Seeded {
  id: string;
  /** Numbers in the success set. */
  ok: number;
  missing: number;
  /** Numbers whose keys the clean-up deletes: the sets' and the missing ones'. */
  numbers: number;
  orphan: boolean;
}

let app: TestApp;
let recnode: Redis;
let backlog: Seeded[];
let recording: string[];

function stateOf(id: string, createdAt: Date): LiveState {
  return {
    id,
    platform: 'chzzk',
    channelId: 'backlog',
    channelName: 'Backlog',
    liveId: id,
    liveTitle: 'an old live',
    platformCookie: null,
    streamUrl: 'http://127.0.0.1:1/playlist.m3u8',
    streamParams: null,
    streamHeaders: {},
    videoName: `backlog_${id}`,
    fsName: 'local',
    location: 'local',
    isInvalid: false,
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
  };
}

/** A recording of `segments` numbers with a hole every GAP_EVERY, each hole's claim left behind. */
function withGaps(segments: number): { success: number[]; claims: number[] } {
  const all = Array.from({ length: segments }, (_, i) => i + 1);
  return { success: all.filter((n) => n % GAP_EVERY !== 0 || n === segments), claims: all };
}

/**
 * Writes a live's recording state the way recnode leaves it: the success set, the claims, two
 * segments retrying with their counters and locks, one failed, and the success set's lock.
 */
async function seedState(
  id: string,
  { success, claims }: { success: number[]; claims: number[] },
  createdAt: Date,
): Promise<Seeded> {
  const pipeline = recnode.pipeline();
  pipeline.set(liveStateKey(id), JSON.stringify(stateOf(id, createdAt)));
  pipeline.zadd(LIVES_KEY, createdAt.getTime(), id);
  for (let i = 0; i < success.length; i += 5_000)
    pipeline.zadd(
      segmentSetKey(id, 'success'),
      ...success.slice(i, i + 5_000).flatMap((n) => [n, String(n)]),
    );
  for (const n of claims) pipeline.set(segmentKey(id, n), '{}');
  const top = success.at(-1)!;
  for (const n of [top + 1, top + 2]) {
    pipeline.zadd(segmentSetKey(id, 'retrying'), n, String(n));
    pipeline.set(segmentKey(id, n), '{}');
    pipeline.set(segmentRetryKey(id, n), '4');
    for (let k = 0; k < RECNODE_PROTOCOL.retryParallelLimit; k++) pipeline.set(segmentLockKey(id, n, k), '1');
  }
  pipeline.zadd(segmentSetKey(id, 'failed'), top + 3, String(top + 3));
  pipeline.set(segmentKey(id, top + 3), '{}');
  pipeline.set(successLockKey(id), '1');
  await pipeline.exec();
  const missing = top - success[0]! + 1 - success.length;
  return { id, ok: success.length, missing, numbers: success.length + missing + 3, orphan: false };
}

/** Ended lives in the database: one channel, each live `deleted` an hour ago. */
async function insertEndedLives(ids: string[]): Promise<void> {
  const [channel] = (
    (await app.database.db.execute(sql`
      insert into channel (platform_id, source_id, username, grade_id)
      select p.id, 'backlog', 'Backlog', g.id from platform p, channel_grade g
      where p.name = 'chzzk' and g.name = 'none'
      returning id`)) as unknown as { rows: Array<{ id: string }> }
  ).rows;
  await app.database.db.execute(sql`
    insert into live (id, channel_id, platform_id, source_id, live_title, fs_name, video_name, status, deleted_at)
    select x.id, c.id, c.platform_id, x.id::text, 'an old live', 'local', 'backlog_' || x.id, 'deleted',
           now() - interval '1 hour'
    from unnest(${`{${ids.join(',')}}`}::uuid[]) as x(id), channel c
    where c.id = ${channel!.id}`);
}

async function keysLeft(id: string): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, batch] = await recnode.scan(cursor, 'MATCH', `live:${id}*`, 'COUNT', 5_000);
    count += batch.length;
    cursor = next;
  } while (cursor !== '0');
  return count;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

beforeAll(async () => {
  const url = new URL(TEST_REDIS_URL);
  app = await startTestApp({
    RECNODE_REDIS_MASTER_HOST: url.hostname,
    RECNODE_REDIS_MASTER_PORT: Number(url.port || 6379),
    RECNODE_REDIS_DB: RECNODE_DB,
    LIVE_STATE_CLEANUP_GRACE_SEC: GRACE_SEC,
    LIVE_STATE_CLEANUP_BATCH_SIZE: BATCH_SIZE,
    LIVE_STATE_CLEANUP_MAX_SEGMENTS: MAX_SEGMENTS,
  });
  recnode = new Redis(TEST_REDIS_URL, { db: RECNODE_DB });
  await recnode.flushdb();

  // Oldest first in the index: the long lives spread among the short ones, the huge one half-way,
  // the orphans last.
  const recordings = Array.from({ length: SHORT.lives }, () => withGaps(SHORT.segments));
  for (let i = 0; i < LONG.lives; i++) recordings.splice(i * 10, 0, withGaps(LONG.segments));
  recordings.splice(
    recordings.length / 2,
    0,
    ...Array.from({ length: HUGE.lives }, () => withGaps(HUGE.segments)),
  );
  // A few sets but a long hole whose claims are all there: its size is known only once read.
  const holey = [...Array.from({ length: 200 }, (_, i) => i + 1), 9_200];
  recordings.splice(12, 0, { success: holey, claims: Array.from({ length: 9_200 }, (_, i) => i + 1) });
  const old = Date.now() - 2 * 3_600_000 - recordings.length;
  backlog = [];
  for (const [i, r] of recordings.entries())
    backlog.push(await seedState(randomUUID(), r, new Date(old + i)));
  for (const s of backlog.slice(-ORPHANS)) s.orphan = true;
  await insertEndedLives(backlog.filter((s) => !s.orphan).map((s) => s.id));
  recording = [];
  for (let i = 0; i < RECORDING; i++)
    recording.push((await seedState(randomUUID(), withGaps(10), new Date())).id);
}, 120_000);

let closed = false;

afterAll(async () => {
  await recnode?.flushdb();
  recnode?.disconnect();
  if (!closed) await app?.close();
});

/** This file's connections to the recnode Redis (its database), by name; unnamed ones under ''. */
async function clientsOfThisDb(): Promise<Array<{ name: string; cmd: string }>> {
  const list = (await recnode.client('LIST')) as string;
  return list
    .split('\n')
    .filter(Boolean)
    .map((line) => Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string])))
    .filter((c) => c.db === String(RECNODE_DB))
    .map((c) => ({ name: c.name ?? '', cmd: c.cmd ?? '' }));
}

/** Calls of a command since the Redis server started, by every client. */
async function commandCalls(command: string): Promise<number> {
  const info = await recnode.info('commandstats');
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
}

describe('recording-state clean-up of a large backlog', () => {
  it('cleans the whole backlog in bounded runs while the other loops read the recnode Redis without waiting', async () => {
    const redis = app.app.get(RecnodeRedis);
    const cleaner = app.app.get(LiveStateCleaner);
    const latencies: number[] = [];
    let probing = true;
    // What the balancer, invalid-live recovery and the live pages do every second or so.
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        const [states, counts] = await Promise.all([
          redis.liveStates(recording),
          redis.segmentCounts(recording),
        ]);
        latencies.push(performance.now() - started);
        expect(states.every((s) => s?.isInvalid === false)).toBe(true);
        expect(counts[0]!.success).toBe(10);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const unlinks = await commandCalls('unlink');
    const runs: StateCleanupOutcome[] = [];
    // How long the process itself could not run anything: part of every latency measured here.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    try {
      while (runs.length < 100) {
        const outcome = await cleaner.clean();
        if (outcome.cleaned === 0 && outcome.failed === 0) break;
        runs.push(outcome);
      }
    } finally {
      probing = false;
      await probe;
      loop.disable();
    }
    const elapsed = performance.now() - started;
    const sorted = [...latencies].sort((a, b) => a - b);
    const stats = {
      runs: runs.length,
      elapsedMs: Math.round(elapsed),
      probes: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1),
      eventLoopDelayP99: loop.percentile(99) / 1e6,
      eventLoopDelayMax: loop.max / 1e6,
      largestRun: Math.max(...runs.map((r) => r.segments)),
      keys: runs.reduce((n, r) => n + r.keys, 0),
    };
    console.log(`state clean-up backlog: ${JSON.stringify(stats)}`);

    // Every state of the backlog is gone, and the lives still recording are untouched.
    expect(runs.every((r) => r.failed === 0)).toBe(true);
    expect(runs.reduce((n, r) => n + r.cleaned, 0)).toBe(backlog.length);
    expect(runs.reduce((n, r) => n + r.orphans, 0)).toBe(ORPHANS);
    for (const s of backlog) expect(await keysLeft(s.id), s.id).toBe(0);
    for (const id of recording) expect(await recnode.zscore(LIVES_KEY, id)).not.toBeNull();
    // Each run stays within the bound, leaving the rest for the next; a live larger than the bound
    // is taken alone. The long hole was found too large for its first run only once read.
    for (const run of runs) {
      if (run.segments > MAX_SEGMENTS) expect(run.cleaned).toBe(1);
      else expect(run.segments).toBeGreaterThan(0);
    }
    expect(runs.filter((r) => r.segments > MAX_SEGMENTS)).toHaveLength(HUGE.lives);
    expect(runs[0]!.deferred).toBeGreaterThan(0);
    expect(runs[0]!.cleaned).toBe(12);
    expect(runs.reduce((n, r) => n + r.segments, 0)).toBe(backlog.reduce((n, s) => n + s.numbers, 0));

    // One report each, with every segment counted.
    const rows = (
      (await app.database.db.execute(sql`
          select live_id as "liveId", segments_ok as ok, segments_failed as failed,
                 segments_retrying as retrying, segments_missing::int as missing
          from recording_report where live_id = any(${`{${backlog.map((s) => s.id).join(',')}}`}::uuid[])`)) as unknown as {
        rows: Array<{ liveId: string; ok: number; failed: number; retrying: number; missing: number }>;
      }
    ).rows;
    expect(rows).toHaveLength(backlog.length);
    const reportOf = new Map(rows.map((r) => [r.liveId, r]));
    for (const s of backlog)
      expect(reportOf.get(s.id)).toEqual({
        liveId: s.id,
        ok: s.ok,
        failed: 1,
        retrying: 2,
        missing: s.missing,
      });

    // The other loops' reads did not queue behind the clean-up: it had a connection of its own,
    // and deleted with UNLINK (at least one command per 50 numbers and one per live for its sets).
    expect(sorted.length).toBeGreaterThan(runs.length);
    expect(stats.p95).toBeLessThan(100);
    // The last run, which found nothing due, read the index on its own connection; the shared one
    // last carried the other loops' reads.
    const clients = await clientsOfThisDb();
    expect(clients.filter((c) => c.name === CLEANUP_CONNECTION_NAME)).toEqual([
      { name: CLEANUP_CONNECTION_NAME, cmd: 'zrangebyscore' },
    ]);
    expect(clients.some((c) => c.name === '' && ['mget', 'zcard'].includes(c.cmd))).toBe(true);
    const expectedUnlinks = backlog.reduce((n, s) => n + Math.ceil(s.numbers / 50) + 1, 0);
    expect((await commandCalls('unlink')) - unlinks).toBeGreaterThanOrEqual(expectedUnlinks);
  }, 300_000);

  it('closes its own recnode Redis connection on shutdown', async () => {
    expect((await clientsOfThisDb()).map((c) => c.name)).toContain(CLEANUP_CONNECTION_NAME);
    closed = true;
    await app.close();
    await waitFor(async () => (await clientsOfThisDb()).every((c) => c.name !== CLEANUP_CONNECTION_NAME), {
      what: 'the clean-up connection closed',
    });
  });
});
