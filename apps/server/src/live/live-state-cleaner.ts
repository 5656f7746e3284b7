/**
 * Garbage collection of the recnode Redis: a live's recording state — its LiveState, the segment
 * sets and every key of each segment — is deleted once the live has been over for
 * LIVE_STATE_CLEANUP_GRACE_SEC, and so is a state whose live no longer exists (purged) once it is
 * that old. Before anything is deleted, the loss report (segments ok, failed, retrying, missing) is
 * written to the database; a report, once written, is never replaced, so a run that crashed
 * half-way and is run again cannot turn a real report into zeros. An operator is told once per live
 * when segments are missing or were still retrying.
 *
 * The original left the state of lives deleted without a `deleted_at` until its 7-day TTL and
 * never removed retry counters; here every ended live qualifies, however it ended, and the keys
 * of each known segment number go with it.
 *
 * A backlog (a first deployment next to the old system's states: thousands of ended lives with
 * thousands of segments each) must not make a run long or large, nor slow the other loops: a run
 * takes lives, oldest first, only while their segment numbers fit in LIVE_STATE_CLEANUP_MAX_SEGMENTS
 * (sizes asked first, with ZCARD) and leaves the rest to the next run, and all of its reads and
 * deletes go through the recnode Redis connection of its own (`bulk`).
 */
import { Injectable, Logger } from '@nestjs/common';
import type { LiveState, RecnodeSegmentSet, RecordingSegments } from '@recflow/contracts';
import { AppConfig } from '../config/app-config';
import { hasLoss, lossReport } from '../recording/loss-report';
import { type CleanupTarget, RecordingRepository } from '../recording/recording.repository';
import { Clock } from '../shared/clock';
import { settleWithConcurrency } from '../shared/concurrency';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { Notifications } from './notifications';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONCURRENCY = 4;
/** Missing numbers past this many are not walked for keys to delete; their claims expire in a day. */
const MAX_MISSING_KEYS = 10_000;

export interface StateCleanupOutcome {
  /** Recording states old enough to be looked at. */
  indexed: number;
  cleaned: number;
  orphans: number;
  reports: number;
  failed: number;
  keys: number;
  /** Segment numbers whose keys this run deleted (within LIVE_STATE_CLEANUP_MAX_SEGMENTS unless one live has more). */
  segments: number;
  /** Lives due now but left for the next run, which they did not fit in. */
  deferred: number;
}

/** One live taken by a run: what it had, its report, and every number whose keys go. */
interface Sweep {
  target: CleanupTarget;
  state: LiveState | null;
  segments: RecordingSegments;
  nums: number[];
}

@Injectable()
export class LiveStateCleaner {
  private readonly logger = new Logger('LiveStateCleaner');

  constructor(
    private readonly config: AppConfig,
    private readonly recnodeRedis: RecnodeRedis,
    private readonly recordings: RecordingRepository,
    private readonly notifications: Notifications,
    private readonly clock: Clock,
  ) {}

  async clean(): Promise<StateCleanupOutcome> {
    const v = this.config.values;
    const graceMs = v.LIVE_STATE_CLEANUP_GRACE_SEC * 1000;
    // A live ends after it starts, so only states created before the grace period can be due.
    // Ids that are not UUIDs were never written by recflow: they are left alone.
    const now = this.clock.now().getTime();
    // From the master through the clean-up's own connection, like everything else it reads: without
    // a replica, the shared connection would carry the whole index.
    const indexed = (await this.recnodeRedis.livesCreatedBefore(now - graceMs, 'bulk')).filter((id) =>
      UUID.test(id),
    );
    // A state with no live may belong to a registration still under way on another replica (or, in a
    // shared recnode Redis, to another deployment's live): it is an orphan only once older than any
    // registration can last, whatever the grace period.
    const orphanAgeMs = Math.max(graceMs, v.LIVE_REGISTRATION_TIMEOUT_SEC * 1000);
    const orphanable =
      orphanAgeMs === graceMs
        ? indexed
        : (await this.recnodeRedis.livesCreatedBefore(now - orphanAgeMs, 'bulk')).filter((id) =>
            UUID.test(id),
          );
    const targets = await this.recordings.cleanupTargets(
      indexed,
      orphanable,
      v.LIVE_STATE_CLEANUP_GRACE_SEC,
      v.LIVE_STATE_CLEANUP_BATCH_SIZE,
    );
    const outcome: StateCleanupOutcome = {
      indexed: indexed.length,
      cleaned: 0,
      orphans: 0,
      reports: 0,
      failed: 0,
      keys: 0,
      segments: 0,
      deferred: 0,
    };
    if (targets.length === 0) return outcome;

    const sweeps = await this.plan(targets, v.LIVE_STATE_CLEANUP_MAX_SEGMENTS);
    outcome.deferred = targets.length - sweeps.length;
    const written = new Set(
      await this.recordings.saveReports(sweeps.map((s) => ({ liveId: s.target.id, segments: s.segments }))),
    );
    outcome.reports = written.size;
    for (const s of sweeps) if (written.has(s.target.id)) this.tell(s.target, s.state, s.segments);

    await settleWithConcurrency(sweeps, CONCURRENCY, async ({ target, nums }) => {
      try {
        // Not `outcome.keys += await …`: that reads the sum before awaiting, and lives cleared
        // meanwhile were lost from the count.
        const keys = await this.recnodeRedis.clearLive(target.id, nums, v.RECNODE_CLEAR_BATCH_SIZE);
        outcome.keys += keys;
        outcome.segments += nums.length;
        outcome.cleaned++;
        if (target.orphan) outcome.orphans++;
      } catch (error) {
        // Left indexed: the next run finds it again, with its report already taken.
        outcome.failed++;
        this.logger.warn(`recording state of live ${target.id} not cleaned: ${(error as Error).message}`);
      }
    });
    return outcome;
  }

  /**
   * The lives this run takes, oldest first, while their segment numbers fit in `budget`: the sets'
   * sizes first, so that no more than that is read, then the numbers to clear (the sets and the
   * claims of missing numbers), so that no more than that is deleted. At least one, so that a live
   * larger than a whole run is still cleaned, alone.
   */
  private async plan(targets: CleanupTarget[], budget: number): Promise<Sweep[]> {
    const sizes = await this.recnodeRedis.segmentCounts(
      targets.map((t) => t.id),
      'bulk',
    );
    const read = targets.slice(0, fitting(sizes.map(total), budget));
    const ids = read.map((t) => t.id);
    const [sets, states] = await Promise.all([
      this.recnodeRedis.segmentSets(ids, 'bulk'),
      this.recnodeRedis.liveStates(ids, 'bulk'),
    ]);
    const sweeps = read.map((target, i): Sweep => {
      const { success, failed, retrying } = sets[i]!;
      const segments = lossReport(sets[i]!);
      const nums = [...success, ...failed, ...retrying, ...missingNumbersToClear(success, segments)];
      return { target, state: states[i] ?? null, segments, nums };
    });
    return sweeps.slice(
      0,
      fitting(
        sweeps.map((s) => s.nums.length),
        budget,
      ),
    );
  }

  private tell(target: CleanupTarget, state: LiveState | null, segments: RecordingSegments): void {
    if (!hasLoss(segments)) return;
    const who = state ? `channel=${state.channelName}, video=${state.videoName}, ` : '';
    this.logger.warn(
      `Recording loss: live_id=${target.id}${target.orphan ? ' (no live record)' : ''}: ${segments.missing} missing, ${segments.retrying} retrying, ${segments.failed} failed`,
    );
    this.notifications.recordingLoss(
      `live_id=${target.id}, ${who}missing=${segments.missing}${
        segments.missingNumbers.length
          ? ` (${segments.missingNumbers.slice(0, 20).join(',')}${segments.missing > 20 ? ',…' : ''})`
          : ''
      }, retrying=${segments.retrying}, failed=${segments.failed}`,
    );
  }
}

function total(sizes: Record<RecnodeSegmentSet, number>): number {
  return sizes.success + sizes.failed + sizes.retrying;
}

/** How many of `sizes`, in order, fit in `budget` together; at least one. */
function fitting(sizes: number[], budget: number): number {
  let sum = 0;
  for (const [i, size] of sizes.entries()) {
    sum += size;
    if (sum > budget) return Math.max(i, 1);
  }
  return sizes.length;
}

/** Missing numbers may still hold a dead node's claim: cheap to delete when they are few. */
function missingNumbersToClear(success: number[], report: RecordingSegments): number[] {
  if (report.missing === 0 || report.missing > MAX_MISSING_KEYS) return [];
  const present = new Set(success);
  const from = success.length > 1 && success[0]! <= 0 ? success[1]! : success[0]!;
  const to = success.at(-1)!;
  const nums: number[] = [];
  for (let n = from + 1; n < to; n++) if (!present.has(n)) nums.push(n);
  return nums;
}
