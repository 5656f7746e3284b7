/**
 * Automatic detection: followed channels that went live, and lives that active criteria find, are
 * registered through the same registrar as a manual request. Exactly one live per broadcast: the
 * database's one-active-live-per-channel rule decides, so a broadcast seen at once by the followed
 * poll and several criteria is recorded once. Each cycle costs a constant number of SQL statements;
 * searches and checks run in parallel with bounded concurrency, and one failing search, channel or
 * criterion never stops the others.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ActiveCriteria } from '../criterion/active-criteria';
import type { CriterionRecord } from '../criterion/criterion.repository';
import { type CriterionSpec, judge, specOfRecord, unitLabel } from '../criterion/criterion-matching';
import { CriterionSearch, type FoundLive } from '../criterion/criterion-search';
import { LiveHistory } from '../criterion/live-history';
import type { RecordedReason } from '../db/schema';
import { Clock } from '../shared/clock';
import { settleWithConcurrency } from '../shared/concurrency';
import { ConflictError, DomainError } from '../shared/errors';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { DetectionRepository, type KnownChannel } from './detection.repository';
import { LiveRegistrar, type RegistrationRequest } from './live-registrar';
import { Notifications } from './notifications';

const REGISTRATIONS_IN_PARALLEL = 4;

export interface DetectionOutcome {
  checked: number;
  registered: number;
  skipped: number;
  failed: number;
}

interface Match extends FoundLive {
  criterion: CriterionRecord;
  spec: CriterionSpec;
}

@Injectable()
export class LiveDetector {
  private readonly logger = new Logger('LiveDetector');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly repository: DetectionRepository,
    private readonly streamq: StreamqClient,
    private readonly registrar: LiveRegistrar,
    private readonly criteria: ActiveCriteria,
    private readonly search: CriterionSearch,
    private readonly history: LiveHistory,
    private readonly notifications: Notifications,
  ) {}

  /** Followed channels: a cheap "is it open" check, then registration. */
  async detectFollowed(ids: string[]): Promise<DetectionOutcome> {
    const channels = (await this.repository.followed(ids)).filter((c) => !c.active && c.shouldSave);
    const outcome: DetectionOutcome = { checked: channels.length, registered: 0, skipped: 0, failed: 0 };
    const inFlight = this.config.values.LIVE_DETECT_FOLLOWED_CONCURRENCY;
    await settleWithConcurrency(channels, inFlight, async (channel) => {
      try {
        const info = await this.streamq.fetchChannel(channel.platform, channel.sourceId);
        if (!info?.openLive) return;
        await this.tryRegister(
          { platform: channel.platform, channelUid: channel.sourceId, reason: { by: 'followed' } },
          outcome,
        );
      } catch (error) {
        outcome.failed++;
        this.logger.warn(`followed ${channel.platform}:${channel.sourceId}: ${(error as Error).message}`);
      }
    });
    return outcome;
  }

  /** Every active criterion: searches, exclusions, grade and viewer rules, registration. */
  async detectCriteria(): Promise<DetectionOutcome> {
    const criteria = await this.criteria.list();
    const found = await settleWithConcurrency(criteria, REGISTRATIONS_IN_PARALLEL, (c) => this.find(c));
    const candidates: Match[] = found.flatMap((f) => (f.status === 'fulfilled' ? f.value : []));
    const known = new Map(
      (
        await this.repository.known(
          candidates.map((m) => ({ platform: m.live.type, sourceId: m.live.channelUid })),
        )
      ).map((k) => [`${k.platform}:${k.sourceId}`, k]),
    );
    const outcome: DetectionOutcome = { checked: 0, registered: 0, skipped: 0, failed: 0 };
    const toRecord = new Map<string, Match>();
    const logged = new Map<string, Match[]>();
    for (const match of candidates) {
      const key = `${match.live.type}:${match.live.channelUid}`;
      const channel = known.get(key);
      const verdict = judge(match.spec, match.live, channel);
      if (verdict.reason === 'excluded') continue;
      outcome.checked++;
      if (verdict.outcome === 'log') {
        const id = match.criterion.criterion.id;
        logged.set(id, [...(logged.get(id) ?? []), match]);
        continue;
      }
      if (verdict.outcome === 'notify') this.notifications.spotted(channel!.username, match.live);
      if (verdict.outcome !== 'record') {
        if (!match.spec.loggingOnly) outcome.skipped++;
        continue;
      }
      // The first criterion to claim a broadcast records it; the database would refuse a second anyway.
      if (!toRecord.has(key)) toRecord.set(key, match);
    }
    await this.writeHistory(logged, known);
    await settleWithConcurrency([...toRecord.values()], REGISTRATIONS_IN_PARALLEL, async (match) => {
      const c = match.criterion.criterion;
      const reason: RecordedReason = {
        by: 'criterion',
        criterionId: c.id,
        criterionName: c.name,
        matched: match.matched.map((u) => unitLabel(match.spec.platform, u)),
        viewCnt: match.live.viewCnt,
      };
      try {
        await this.tryRegister(
          {
            platform: match.live.type,
            channelUid: match.live.channelUid,
            reason,
            enforceCreds: c.enforceCreds,
            domesticOnly: c.domesticOnly || undefined,
            overseasFirst: c.overseasFirst || undefined,
          },
          outcome,
        );
      } catch (error) {
        outcome.failed++;
        this.logger.warn(
          `criterion ${c.name}, ${match.live.type}:${match.live.channelUid}: ${(error as Error).message}`,
        );
      }
    });
    return outcome;
  }

  private async find(criterion: CriterionRecord): Promise<Match[]> {
    const spec = specOfRecord(criterion);
    const { lives, searches } = await this.search.run(spec);
    for (const failed of searches.filter((s) => !s.ok)) {
      this.logger.warn(
        `criterion ${criterion.criterion.name}, ${unitLabel(spec.platform, failed.unit)}: ${failed.error}`,
      );
    }
    return lives.map((found) => ({ ...found, criterion, spec }));
  }

  private async writeHistory(logged: Map<string, Match[]>, known: Map<string, KnownChannel>): Promise<void> {
    const seenAt = this.clock.now().toISOString();
    for (const [criterionId, matches] of logged) {
      await this.history.record(
        criterionId,
        matches.map(({ live }) => ({
          platform: live.type,
          liveUid: live.liveUid,
          channelUid: live.channelUid,
          channelName: live.channelName,
          title: live.liveTitle,
          viewCnt: live.viewCnt,
          isAdult: live.isAdult,
          grade: known.get(`${live.type}:${live.channelUid}`)?.grade ?? null,
          seenAt,
        })),
      );
    }
  }

  private async tryRegister(request: RegistrationRequest, outcome: DetectionOutcome): Promise<void> {
    try {
      await this.registrar.register(request);
      outcome.registered++;
    } catch (error) {
      // Already recorded (another criterion or replica was first), not live any more, or not
      // accessible yet: the next cycle looks again.
      if (error instanceof ConflictError || (error instanceof DomainError && error.status < 500)) {
        outcome.skipped++;
        return;
      }
      throw error;
    }
  }
}
