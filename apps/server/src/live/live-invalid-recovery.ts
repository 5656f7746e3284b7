/**
 * Invalid-live recovery: a node that joins a live and finds its playlist at odds with what was
 * recorded sets `isInvalid` in the LiveState; the nodes already recording never re-read it, so
 * recflow restarts the live as a new record of the same broadcast, on a freshly resolved stream
 * (the original reused the old record's, possibly stale), and finishes the old record as the real
 * recording it is (SQS `complete`, `by: recovery`).
 *
 * Each tick costs one SQL statement and one MGET (replica) while no live is invalid. A restart:
 * 1. the platform must still be on the same broadcast — offline or a new broadcast id is the
 *    cleaner's (it ends the live), and no answer means "try next tick";
 * 2. a new stream is resolved through stlink and its playlist checked; a stream that cannot be
 *    opened now is retried next tick, while the old recorders keep recording;
 * 3. the claim (one transaction, see LiveRestartRepository): old → finalizing, successor created —
 *    exactly once however many runs or replicas race;
 * 4. the successor is launched on its nodes before the old record's recorders are stopped;
 * 5. the old record is finished by the finisher. A crash between 3 and 5 leaves the old live
 *    finalizing with `by: recovery` and its recorders running: the next tick queues its finish.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { Clock } from '../shared/clock';
import { settleWithConcurrency } from '../shared/concurrency';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { M3u8Checker } from '../upstream/stlink/m3u8-checker';
import { StlinkClient } from '../upstream/stlink/stlink.client';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { LiveFinisher } from './live-finisher';
import { LiveRegistrar } from './live-registrar';
import { LiveRestartRepository, type RestartCandidate } from './live-restart.repository';
import { LiveStreamRepository } from './live-stream.repository';
import { Notifications } from './notifications';
import { videoName } from './video-name';

export interface InvalidRecoveryOutcome {
  recording: number;
  invalid: number;
  restarted: number;
  /** Invalid lives left for a later tick or for the cleaner, with the reason logged. */
  deferred: number;
  /** Finishes of earlier restarts queued again (after a crash). */
  resumed: number;
}

export type RestartResult =
  | { restarted: true; successorId: string; recording: boolean }
  | { restarted: false; reason: string };

const CONCURRENCY = 4;

@Injectable()
export class LiveInvalidRecovery {
  private readonly logger = new Logger('LiveInvalidRecovery');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly repository: LiveRestartRepository,
    private readonly recnodeRedis: RecnodeRedis,
    private readonly streamq: StreamqClient,
    private readonly stlink: StlinkClient,
    private readonly m3u8: M3u8Checker,
    private readonly streams: LiveStreamRepository,
    private readonly registrar: LiveRegistrar,
    private readonly finisher: LiveFinisher,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
  ) {}

  async recover(): Promise<InvalidRecoveryOutcome> {
    const watched = await this.repository.watched();
    const recording = watched.filter((l) => l.status === 'recording').map((l) => l.id);
    const finishing = watched.filter((l) => l.status === 'finalizing').map((l) => l.id);
    const outcome: InvalidRecoveryOutcome = {
      recording: recording.length,
      invalid: 0,
      restarted: 0,
      deferred: 0,
      resumed: 0,
    };
    // Idempotent (one job per live): normally a no-op, after a crash it is what finishes the old record.
    await Promise.all(finishing.map((id) => this.finisher.enqueue(id)));
    outcome.resumed = finishing.length;

    const states = await this.recnodeRedis.liveStates(recording, 'replica');
    const invalid = recording.filter((_, i) => states[i]?.isInvalid === true);
    outcome.invalid = invalid.length;
    if (invalid.length === 0) return outcome;

    const candidates = await this.repository.candidates(invalid);
    await settleWithConcurrency(candidates, CONCURRENCY, async (live) => {
      const result = await this.restart(live).catch(
        (error: Error): RestartResult => ({ restarted: false, reason: error.message }),
      );
      if (result.restarted) outcome.restarted++;
      else {
        outcome.deferred++;
        this.logger.warn(`invalid live ${live.id} not restarted yet: ${result.reason}`);
      }
    });
    return outcome;
  }

  /** Restarts one invalid live as a new record (steps 1–5 above). */
  async restart(live: RestartCandidate): Promise<RestartResult> {
    const info = await this.streamq.fetchChannel(live.platform, live.channelUid, true);
    const liveInfo = info?.openLive ? info.liveInfo : null;
    if (!liveInfo) return { restarted: false, reason: 'the broadcast is over; the cleaner ends it' };
    if (liveInfo.liveUid !== live.sourceId) {
      return { restarted: false, reason: 'the broadcast restarted under a new id; the cleaner ends it' };
    }
    const withAuth =
      liveInfo.isAdult ||
      live.enforceCreds ||
      (live.isFollowed && this.config.values.STLINK_ENFORCE_AUTH_FOR_FOLLOWED);
    const resolution = await this.stlink.resolve(live.platform, live.channelUid, { withAuth });
    if (!resolution.openLive) return { restarted: false, reason: 'stlink cannot open the live right now' };
    const check = await this.m3u8.check(resolution.stream, 'default');
    if (!check.available) return { restarted: false, reason: `the new playlist fails: ${check.reason}` };
    const stream = await this.streams.upsert(live.channelId, liveInfo.liveUid, resolution.stream);

    const createdAt = this.clock.now();
    const successor = await this.repository.claim(
      live.id,
      { cmd: 'finish', purge: false, by: 'recovery', at: createdAt.toISOString() },
      {
        channelId: live.channelId,
        platformId: live.platformId,
        sourceId: liveInfo.liveUid,
        liveTitle: liveInfo.liveTitle,
        liveStreamId: stream.id,
        fsName: live.fsName,
        viewCnt: liveInfo.viewCnt,
        isAdult: liveInfo.isAdult,
        domesticOnly: live.domesticOnly,
        overseasFirst: live.overseasFirst,
        recordedReason: live.recordedReason ?? { by: 'manual' },
        createdAt,
      },
      (attempt) =>
        videoName(new Date(createdAt.getTime() + attempt * 1000), this.config.values.VIDEO_NAME_TIME_ZONE),
    );
    if (!successor)
      return { restarted: false, reason: 'no longer recording (finished or restarted elsewhere)' };

    this.notifications.liveInvalid(live.username, live.liveTitle);
    await this.audit.record(
      {
        kind: 'live.restarted',
        liveId: live.id,
        message: `recnode found the live invalid; restarted as ${successor.id} (${successor.videoName})`,
        details: { restartedAs: successor.id },
      },
      {
        kind: 'live.restarted',
        liveId: successor.id,
        message: `restart of ${live.id} (${live.liveTitle}), which recnode found invalid`,
        details: { restartedFrom: live.id },
      },
      { kind: 'live.finishing', liveId: live.id, message: 'finish requested by the recovery' },
    );
    let recording = false;
    try {
      recording = await this.registrar.launch(successor, {
        platform: live.platform,
        channel: { sourceId: live.channelUid, username: live.username, isFollowed: live.isFollowed },
        grade: { nodesPerLive: live.nodesPerLive, shouldNotify: live.shouldNotify },
        liveInfo,
        stream: resolution.stream,
      });
    } catch (error) {
      // The successor was compensated (failed, with the reason); the old record still gets finished.
      this.logger.error(`restart of live ${live.id} as ${successor.id} failed: ${(error as Error).message}`);
    }
    await this.finisher.enqueue(live.id);
    this.logger.warn(`Live ${live.id} was invalid; restarted as ${successor.id}`);
    return { restarted: true, successorId: successor.id, recording };
  }
}
