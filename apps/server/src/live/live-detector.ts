/**
 * Automatic detection (behaviour.md §4.1–4.3, with §14.5/22/23/24 fixed): followed channels that
 * went live, and lives that active criteria find, are registered through the same registrar as a
 * manual request. Exactly one live per broadcast: the database's one-active-live-per-channel rule
 * decides, so a broadcast seen at once by the followed poll and several criteria is recorded once.
 * Each cycle costs a constant number of SQL statements; searches and checks run in parallel with
 * bounded concurrency, and one failing search, channel or criterion never stops the others.
 */
import { Injectable, Logger } from '@nestjs/common';
import { CRITERION_RULES, type LiveInfo } from '@recflow/contracts';
import { ActiveCriteria } from '../criterion/active-criteria';
import type { CriterionRecord } from '../criterion/criterion.repository';
import { LiveHistory } from '../criterion/live-history';
import type { RecordedReason } from '../db/schema';
import { Clock } from '../shared/clock';
import { settleWithConcurrency } from '../shared/concurrency';
import { ConflictError, DomainError } from '../shared/errors';
import type { LiveSearch } from '../upstream/streamq/streamq.client';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { DetectionRepository, type KnownChannel } from './detection.repository';
import { LiveRegistrar, type RegistrationRequest } from './live-registrar';
import { Notifications } from './notifications';

const CHECKS_IN_PARALLEL = 16;
const SEARCHES_IN_PARALLEL = 8;
const REGISTRATIONS_IN_PARALLEL = 4;

export interface DetectionOutcome {
  checked: number;
  registered: number;
  skipped: number;
  failed: number;
}

interface Match {
  live: LiveInfo;
  criterion: CriterionRecord;
  matched: string[];
}

/** Which of a criterion's positive units found the live, and whether a negative one excludes it. */
export function judge(criterion: CriterionRecord, live: LiveInfo): { excluded: boolean } {
  const rules = CRITERION_RULES[criterion.platform];
  for (const unit of criterion.units.filter((u) => !u.isPositive)) {
    if (unit.ruleName === rules.tag && live.tags.includes(unit.value)) return { excluded: true };
    if (unit.ruleName === rules.keyword && live.liveTitle.includes(unit.value)) return { excluded: true };
    if (
      unit.ruleName === rules.category &&
      live.category !== null &&
      Number(live.category) === Number(unit.value)
    ) {
      return { excluded: true };
    }
  }
  return { excluded: false };
}

export function searchesOf(criterion: CriterionRecord): Array<{ search: LiveSearch; label: string }> {
  const rules = CRITERION_RULES[criterion.platform];
  const platform = criterion.platform;
  return criterion.units
    .filter((u) => u.isPositive)
    .map((u) => {
      if (u.ruleName === rules.tag)
        return { search: { platform, by: 'tag', value: u.value } as LiveSearch, label: `tag:${u.value}` };
      if (u.ruleName === rules.keyword) {
        return {
          search: { platform, by: 'keyword', value: u.value } as LiveSearch,
          label: `keyword:${u.value}`,
        };
      }
      const search: LiveSearch =
        platform === 'chzzk'
          ? { platform, by: 'watchparty', value: Number(u.value) }
          : { platform, by: 'category', value: u.value, withCred: criterion.criterion.enforceCreds };
      return { search, label: `${platform === 'chzzk' ? 'watchparty' : 'category'}:${u.value}` };
    });
}

@Injectable()
export class LiveDetector {
  private readonly logger = new Logger('LiveDetector');

  constructor(
    private readonly clock: Clock,
    private readonly repository: DetectionRepository,
    private readonly streamq: StreamqClient,
    private readonly registrar: LiveRegistrar,
    private readonly criteria: ActiveCriteria,
    private readonly history: LiveHistory,
    private readonly notifications: Notifications,
  ) {}

  /** Followed channels (behaviour.md §4.2): a cheap "is it open" check, then registration. */
  async detectFollowed(ids: string[]): Promise<DetectionOutcome> {
    const channels = (await this.repository.followed(ids)).filter((c) => !c.active && c.shouldSave);
    const outcome: DetectionOutcome = { checked: channels.length, registered: 0, skipped: 0, failed: 0 };
    await settleWithConcurrency(channels, CHECKS_IN_PARALLEL, async (channel) => {
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

  /** Every active criterion (behaviour.md §4.3): searches, exclusions, grade and viewer rules, registration. */
  async detectCriteria(): Promise<DetectionOutcome> {
    const criteria = await this.criteria.list();
    const found = await settleWithConcurrency(criteria, REGISTRATIONS_IN_PARALLEL, (c) => this.search(c));
    const candidates: Match[] = found.flatMap((f) => (f.status === 'fulfilled' ? f.value : []));
    const known = new Map(
      (
        await this.repository.known(
          candidates.map((m) => ({ platform: m.live.type, sourceId: m.live.channelUid })),
        )
      ).map((k) => [`${k.platform}:${k.sourceId}`, k]),
    );
    const outcome: DetectionOutcome = { checked: candidates.length, registered: 0, skipped: 0, failed: 0 };
    const toRecord = new Map<string, Match>();
    const logged = new Map<string, Match[]>();
    for (const match of candidates) {
      const channel = known.get(`${match.live.type}:${match.live.channelUid}`);
      if (match.criterion.criterion.loggingOnly) {
        if (match.live.viewCnt >= match.criterion.criterion.minUserCnt) {
          logged.set(match.criterion.criterion.id, [
            ...(logged.get(match.criterion.criterion.id) ?? []),
            match,
          ]);
        }
        continue;
      }
      if (!this.wanted(match, channel)) {
        outcome.skipped++;
        continue;
      }
      // The first criterion to claim a broadcast records it; the database would refuse a second anyway.
      const key = `${match.live.type}:${match.live.channelUid}`;
      if (!toRecord.has(key)) toRecord.set(key, match);
    }
    await this.writeHistory(logged, known);
    await settleWithConcurrency([...toRecord.values()], REGISTRATIONS_IN_PARALLEL, async (match) => {
      const c = match.criterion.criterion;
      const reason: RecordedReason = {
        by: 'criterion',
        criterionId: c.id,
        criterionName: c.name,
        matched: match.matched,
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

  /** Known channels follow their grade and skip the viewer threshold; unknown ones need the viewers. */
  private wanted(match: Match, channel: KnownChannel | undefined): boolean {
    if (!channel) return match.live.viewCnt >= match.criterion.criterion.minUserCnt;
    if (channel.active) return false;
    if (!channel.shouldSave && channel.shouldNotify) {
      this.notifications.spotted(channel.username, match.live);
      return false;
    }
    return channel.shouldSave;
  }

  private async search(criterion: CriterionRecord): Promise<Match[]> {
    const searches = searchesOf(criterion);
    const results = await settleWithConcurrency(searches, SEARCHES_IN_PARALLEL, (s) =>
      this.streamq.searchLives(s.search),
    );
    const byChannel = new Map<string, Match>();
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        this.logger.warn(
          `criterion ${criterion.criterion.name}, ${searches[i]!.label}: ${(result.reason as Error).message}`,
        );
        return;
      }
      for (const live of result.value) {
        if (judge(criterion, live).excluded) continue;
        const existing = byChannel.get(live.channelUid);
        byChannel.set(live.channelUid, {
          live,
          criterion,
          matched: [...(existing?.matched ?? []), searches[i]!.label],
        });
      }
    });
    return [...byChannel.values()];
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
