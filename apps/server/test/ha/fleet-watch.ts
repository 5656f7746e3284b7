/**
 * What the high-availability tests measure, from the simulator's side only: which nodes really
 * record a live (alive, with a recorder in `recording`), and what the segment ledger says about
 * every live. recflow's own view is never the evidence here.
 */
import { api, LIVES_KEY, type LiveDto } from '@recflow/contracts';
import type { Simulator } from '@recflow/simulator';
import Redis from 'ioredis';
import { mapWithConcurrency } from '../../src/shared/concurrency';
import type { ApiClient } from '../support/api-client';
import { TEST_REDIS_URL } from '../support/env';
import { waitFor } from '../support/wait';

/** For every live id, the names of the alive nodes that record it right now. */
export function recordingNodes(sim: Simulator): Map<string, string[]> {
  const byLive = new Map<string, string[]>();
  for (const node of sim.nodes.all()) {
    if (node.condition.down) continue;
    for (const recording of node.list(false)) {
      if (recording.status !== 'recording') continue;
      const names = byLive.get(recording.id);
      if (names) names.push(node.name);
      else byLive.set(recording.id, [node.name]);
    }
  }
  return byLive;
}

/** Puts `count` simulated broadcasts on air and records each through `POST /api/lives`. */
export async function recordLives(
  client: ApiClient,
  sim: Simulator,
  count: number,
  prefix: string,
): Promise<LiveDto[]> {
  const sourceIds = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  for (const sourceId of sourceIds) {
    sim.world.addChannel({ platform: 'chzzk', sourceId, username: `HA ${sourceId}` });
    sim.world.startLive('chzzk', sourceId, { title: `ha ${sourceId}` });
  }
  const lives = await mapWithConcurrency(sourceIds, 4, async (sourceId) => {
    // A loaded machine can make the simulated streamq, stlink or playlist miss recflow's timeout
    // (a 502, or a 422 for the playlist; nothing is created): ask again rather than fail the
    // scenario before it starts.
    for (let attempt = 1; ; attempt++) {
      const answer = await client.call(api.lives.create, { body: { platformName: 'chzzk', sourceId } });
      if (answer.status === 201) return answer.body;
      const code = (answer.body as { code?: string }).code;
      const transient = answer.status === 502 || code === 'live.stream_unavailable';
      if (!transient || attempt === 5)
        throw new Error(
          `POST /api/lives for ${sourceId}: ${answer.status} ${JSON.stringify(answer.body)}${
            answer.status >= 500 ? `\nserver output:\n${client.serverOutputTail()}` : ''
          }`,
        );
    }
  });
  await waitFor(
    () => {
      const recording = recordingNodes(sim);
      return lives.every((l) => (recording.get(l.id)?.length ?? 0) >= 2);
    },
    { timeoutMs: 60_000, what: `${count} lives recording on two nodes each` },
  );
  return lives;
}

export interface LedgerTotals {
  segments: number;
  missing: Array<{ liveId: string; num: number }>;
  /** Segments with two or more copies that did not die with their node. */
  doubled: Array<{ liveId: string; num: number }>;
  /** Segments downloaded again because the only earlier copy died with its node. */
  redownloaded: number;
  /** Segments whose every copy died with its node before upload (recnode's second loss window). */
  lost: number;
}

/**
 * Sums the ledger over the lives, counting only segments up to each live's `through` number
 * (segments newer than that may still be on their way).
 */
export function ledgerTotals(sim: Simulator, through: Map<string, number>): LedgerTotals {
  const totals: LedgerTotals = { segments: 0, missing: [], doubled: [], redownloaded: 0, lost: 0 };
  for (const [liveId, last] of through) {
    const report = sim.ledger.report(liveId);
    if (!report.range) continue;
    totals.segments += Math.min(last, report.range.last) - report.range.first + 1;
    for (const num of report.missing) if (num <= last) totals.missing.push({ liveId, num });
    for (const num of report.lost) if (num <= last) totals.lost++;
    for (const num of report.duplicates) {
      if (num > last) continue;
      const record = sim.ledger.explain(liveId, num);
      const surviving = record.downloadedBy.length - record.discardedBy.length;
      if (surviving > 1) totals.doubled.push({ liveId, num });
      else totals.redownloaded++;
    }
  }
  return totals;
}

/** The highest segment number each live's recorders have seen so far. */
export function newestSegments(sim: Simulator, liveIds: string[]): Map<string, number> {
  return new Map(liveIds.map((id) => [id, sim.ledger.report(id).range?.last ?? -1]));
}

/** Waits, in real time, until the simulated clock reaches `simMs`. */
export async function untilSimTime(sim: Simulator, simMs: number): Promise<void> {
  while (sim.clock.now() < simMs) {
    await new Promise((r) =>
      setTimeout(r, Math.min(50, Math.max(1, sim.clock.toRealMs(simMs - sim.clock.now())))),
    );
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * The recnode Redis of these tests: a database of its own, because other test runs on the machine
 * share database 0 and their recflow may clean up recording states it does not know.
 */
export function recnodeRedis(db: number) {
  return { url: TEST_REDIS_URL, db };
}

/** Removes every recnode key of these lives (states, segment sets, segments, locks). */
export async function forgetRecnodeKeys(db: number, liveIds: string[]): Promise<void> {
  if (liveIds.length === 0) return;
  const redis = new Redis(TEST_REDIS_URL, { db });
  try {
    const wanted = new Set(liveIds);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'live:*', 'COUNT', 5000);
      const ours = keys.filter((k) => wanted.has(k.split(':')[1]!));
      if (ours.length > 0) await redis.unlink(...ours);
      cursor = next;
    } while (cursor !== '0');
    await redis.zrem(LIVES_KEY, ...liveIds);
  } finally {
    redis.disconnect();
  }
}
