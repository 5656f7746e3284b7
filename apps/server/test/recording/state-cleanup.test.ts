import { randomUUID } from 'node:crypto';
import {
  api,
  LIVES_KEY,
  type LiveDto,
  liveStateKey,
  segmentKey,
  segmentRetryKey,
  segmentSetKey,
} from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveFinisher } from '../../src/live/live-finisher';
import { LiveStateCleaner } from '../../src/live/live-state-cleaner';
import { TEST_REDIS_URL } from '../support/env';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

// A recnode Redis database of its own: with a grace of seconds, this file's clean-up would take
// other test files' recording states for orphans.
const RECNODE_DB = 5;
const GRACE_SEC = 3;

let sim: Simulator;
let app: TestApp;
let recnode: Redis;

beforeAll(async () => {
  sim = await startSimulator({
    nodes: 4,
    groups: 2,
    timeScale: 20,
    redis: { url: TEST_REDIS_URL, db: RECNODE_DB },
  });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 1_000,
    LIVE_FINISH_TIMEOUT_SEC: 10,
    LIVE_STATE_CLEANUP_GRACE_SEC: GRACE_SEC,
    LIVE_STATE_CLEANUP_BATCH_SIZE: 50,
    // Small, to take several commands per live.
    RECNODE_CLEAR_BATCH_SIZE: 7,
  });
  recnode = new Redis(TEST_REDIS_URL, { db: RECNODE_DB });
  await registerFleet(app.api, sim);
}, 60_000);

afterAll(async () => {
  recnode?.disconnect();
  await app?.close();
  await sim?.close();
});

const cleaner = () => app.app.get(LiveStateCleaner);

async function recordLive(): Promise<LiveDto & { username: string }> {
  const source = uniqueId('gc');
  const username = `Cleaned ${source}`;
  sim.world.addChannel({ platform: 'chzzk', sourceId: source, username });
  sim.world.startLive('chzzk', source, { title: `gc ${source}` });
  const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId: source } });
  await waitFor(
    async () => ((await app.api.ok(api.lives.get, { params: { id: dto.id } })).segments?.success ?? 0) >= 6,
    { timeoutMs: 20_000, what: 'segments recorded' },
  );
  return { ...dto, username };
}

/** Finishes through the API and runs the finish job here (this app runs no workers). */
async function finish(id: string, cmd: 'finish' | 'cancel' = 'finish', isPurge = false): Promise<void> {
  await app.api.ok(api.lives.remove, { body: { recordId: id, cmd, isPurge } });
  expect(await app.app.get(LiveFinisher).finalize(id)).toBe('finished');
}

async function keysOf(id: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await recnode.scan(cursor, 'MATCH', `live:${id}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

const indexed = async (id: string) => (await recnode.zscore(LIVES_KEY, id)) !== null;

async function recordingOf(username: string) {
  const page = await app.api.ok(api.recordings.list, { query: { q: username } });
  expect(page.total).toBe(1);
  return page.items[0]!;
}

/** Runs the clean-up until the live's state is gone. */
async function cleanedUp(id: string): Promise<void> {
  await waitFor(
    async () => {
      await cleaner().clean();
      return !(await indexed(id));
    },
    { timeoutMs: 15_000, intervalMs: 200, what: `the recording state of ${id} cleaned` },
  );
}

describe('recording-state clean-up', () => {
  it('reports a finished live after the grace period, then deletes every key it had', async () => {
    const live = await recordLive();
    await finish(live.id);
    const keysBefore = await keysOf(live.id);
    expect(keysBefore).toContain(liveStateKey(live.id));
    expect(keysBefore).toContain(segmentSetKey(live.id, 'success'));
    const numbers = (await recnode.zrange(segmentSetKey(live.id, 'success'), 0, -1)).map(Number);
    expect(numbers.length).toBeGreaterThanOrEqual(6);

    // Within the grace period nothing is touched and no report is taken.
    await cleaner().clean();
    expect(await indexed(live.id)).toBe(true);
    expect((await recordingOf(live.username)).segments).toBeNull();

    await cleanedUp(live.id);
    expect(await keysOf(live.id)).toEqual([]);
    const recording = await recordingOf(live.username);
    expect(recording.segments).toMatchObject({ ok: numbers.length, failed: 0, retrying: 0 });
    expect(recording.nodes).toEqual(live.nodes.map((n) => n.name).sort());
    // No SQS queue here: the event waits in the outbox.
    expect(recording).toMatchObject({
      outcome: 'complete',
      endedBy: 'operator',
      finishEvent: { status: 'complete', sentAt: null },
    });
  });

  it('counts missing and retrying segments, and tells untf once', async () => {
    const live = await recordLive();
    await finish(live.id, 'cancel');
    const success = (await recnode.zrange(segmentSetKey(live.id, 'success'), 0, -1)).map(Number);
    const [first, second, third] = success.slice(2, 5) as [number, number, number];
    // What dead and struggling nodes leave behind: holes in the success set, a segment still
    // retrying with its counter, one that failed.
    await recnode.zrem(segmentSetKey(live.id, 'success'), first, third);
    await recnode.zadd(segmentSetKey(live.id, 'retrying'), 0, first);
    await recnode.set(segmentRetryKey(live.id, first), '4');
    await recnode.zadd(segmentSetKey(live.id, 'failed'), 0, third);
    await recnode.set(segmentKey(live.id, third), '{}');
    sim.untf.clear();

    await cleanedUp(live.id);
    expect(await keysOf(live.id)).toEqual([]);
    const recording = await recordingOf(live.username);
    expect(recording.segments).toEqual({
      ok: success.length - 2,
      failed: 1,
      retrying: 1,
      missing: 2,
      missingNumbers: [first, third],
    });
    expect(second).toBe(first + 1);
    await waitFor(() => sim.untf.find(`live_id=${live.id}`).length === 1, { what: 'the loss notice' });
    expect(sim.untf.find(`live_id=${live.id}`)[0]!.message).toContain('missing=2');

    // Keys that reappear (a late node) are cleaned again, without a second report or notice.
    await recnode.set(liveStateKey(live.id), '{}');
    await recnode.zadd(LIVES_KEY, Date.now() - 3_600_000, live.id);
    await cleanedUp(live.id);
    expect((await recordingOf(live.username)).segments?.missing).toBe(2);
    expect(sim.untf.find(`live_id=${live.id}`)).toHaveLength(1);
  });

  it('keeps the first report when a run is repeated after a crash half-way through the deletion', async () => {
    const live = await recordLive();
    await finish(live.id);
    const total = await recnode.zcard(segmentSetKey(live.id, 'success'));
    await cleanedUp(live.id);
    // As if the process died after the report, with part of the success set already deleted.
    await recnode.zadd(segmentSetKey(live.id, 'success'), 0, 1);
    await recnode.zadd(LIVES_KEY, Date.now() - 3_600_000, live.id);
    await cleanedUp(live.id);
    expect((await recordingOf(live.username)).segments?.ok).toBe(total);
    expect(await keysOf(live.id)).toEqual([]);
  });

  it('cleans the state of a purged live and of a state no live owns, and leaves recording lives alone', async () => {
    const recording = await recordLive();
    const purged = await recordLive();
    await finish(purged.id, 'finish', true);
    expect((await app.api.call(api.lives.get, { params: { id: purged.id } })).status).toBe(404);
    // A state with no live is an orphan only once older than a registration may last.
    await recnode.zadd(LIVES_KEY, Date.now() - 3_600_000, purged.id);
    const young = randomUUID();
    await recnode.set(liveStateKey(young), JSON.stringify({ id: young }));
    await recnode.zadd(LIVES_KEY, Date.now() - (GRACE_SEC + 5) * 1000, young);

    const orphan = randomUUID();
    await recnode.set(liveStateKey(orphan), JSON.stringify({ id: orphan }));
    await recnode.zadd(LIVES_KEY, Date.now() - 3_600_000, orphan);
    await recnode.zadd(segmentSetKey(orphan, 'success'), 0, 7, 0, 8);
    await recnode.set(segmentKey(orphan, 7), '{}');
    const foreign = `not-a-live-${randomUUID()}`;
    await recnode.zadd(LIVES_KEY, Date.now() - 3_600_000, foreign);

    await cleanedUp(purged.id);
    await cleanedUp(orphan);
    expect(await keysOf(purged.id)).toEqual([]);
    expect(await keysOf(orphan)).toEqual([]);
    // Older than the grace period, but still recording.
    await waitFor(() => Date.now() - Date.parse(recording.createdAt) > (GRACE_SEC + 1) * 1000, {
      what: 'the recording live older than the grace period',
    });
    await cleaner().clean();
    expect(await indexed(recording.id)).toBe(true);
    expect(await recnode.exists(liveStateKey(recording.id))).toBe(1);
    // No live yet, but younger than LIVE_REGISTRATION_TIMEOUT_SEC: maybe a registration under way.
    expect(await indexed(young)).toBe(true);
    expect(await recnode.exists(liveStateKey(young))).toBe(1);
    await recnode.zrem(LIVES_KEY, young);
    await recnode.del(liveStateKey(young));
    // Not recflow's: an id that is no live id is never touched.
    expect(await indexed(foreign)).toBe(true);
    await recnode.zrem(LIVES_KEY, foreign);

    // The purged live's report outlives its row.
    const rows = await app.database.db.execute(
      sql`select live_id, segments_ok, nodes from recording_report where live_id in (${purged.id}, ${orphan})`,
    );
    const reports = (
      rows as unknown as { rows: Array<{ live_id: string; segments_ok: number; nodes: string[] | null }> }
    ).rows;
    expect(reports.find((r) => r.live_id === orphan)).toMatchObject({ segments_ok: 2, nodes: null });
    expect(reports.find((r) => r.live_id === purged.id)?.segments_ok).toBeGreaterThanOrEqual(6);
    expect(reports.find((r) => r.live_id === purged.id)?.nodes).toHaveLength(2);
    await finish(recording.id);
  });

  it('issues the same number of SQL statements however many lives a run cleans', async () => {
    const lives = await Promise.all([recordLive(), recordLive(), recordLive()]);
    await Promise.all(lives.map((l) => finish(l.id)));
    const finishedAt = Date.now();
    await waitFor(() => Date.now() - finishedAt > (GRACE_SEC + 1) * 1000, {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'the grace period',
    });
    const statements = app.database.stats;
    const before = statements.statements;
    const outcome = await cleaner().clean();
    expect(outcome.cleaned).toBeGreaterThanOrEqual(3);
    expect(statements.statements - before).toBe(2);
    for (const l of lives) expect(await keysOf(l.id)).toEqual([]);

    const idle = statements.statements;
    expect((await cleaner().clean()).cleaned).toBe(0);
    // Nothing due: the targets are looked up, nothing is written.
    expect(statements.statements - idle).toBeLessThanOrEqual(1);
  });
});
