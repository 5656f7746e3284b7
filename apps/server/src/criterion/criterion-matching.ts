/**
 * What a criterion does with a live, as pure functions: which searches its
 * positive units make, which negative unit excludes a live, and whether detection records, logs,
 * notifies or skips it. Detection and the preview both judge through here, so a preview can never
 * promise something detection would not do.
 */
import {
  CRITERION_RULES,
  type CriterionDraft,
  type CriterionUnitKind,
  type CriterionUnitRef,
  type LiveInfo,
  type PlatformName,
  type PreviewOutcome,
  type PreviewReason,
} from '@recflow/contracts';
import type { LiveSearch } from '../upstream/streamq/streamq.client';
import type { CriterionRecord } from './criterion.repository';

/** A criterion reduced to what matching needs, whether saved or a draft. */
export interface CriterionSpec {
  platform: PlatformName;
  enforceCreds: boolean;
  loggingOnly: boolean;
  minUserCnt: number;
  units: Array<CriterionUnitRef & { isPositive: boolean }>;
}

/** What recflow knows of a live's channel, when it knows it. */
export interface ChannelStanding {
  grade: string;
  shouldSave: boolean;
  shouldNotify: boolean;
  /** The channel already has a live being recorded or finished. */
  active: boolean;
}

export interface Verdict {
  outcome: PreviewOutcome;
  reason: PreviewReason;
  excludedBy: CriterionUnitRef | null;
  explanation: string;
}

export function specOfRecord(record: CriterionRecord): CriterionSpec {
  const kinds = new Map<string, CriterionUnitKind>(
    Object.entries(CRITERION_RULES[record.platform]).map(([kind, rule]) => [rule, kind as CriterionUnitKind]),
  );
  const c = record.criterion;
  return {
    platform: record.platform,
    enforceCreds: c.enforceCreds,
    loggingOnly: c.loggingOnly,
    minUserCnt: c.minUserCnt,
    units: record.units.flatMap((u) => {
      const kind = kinds.get(u.ruleName);
      return kind ? [{ kind, value: u.value, isPositive: u.isPositive }] : [];
    }),
  };
}

export function specOfDraft(draft: CriterionDraft): CriterionSpec {
  const [positiveCategories, negativeCategories] =
    draft.platform === 'chzzk'
      ? [draft.positiveWps, draft.negativeWps]
      : [draft.positiveCates, draft.negativeCates];
  const lists: Array<[CriterionUnitKind, string[], boolean]> = [
    ['tag', draft.positiveTags, true],
    ['keyword', draft.positiveKeywords, true],
    ['category', positiveCategories, true],
    ['tag', draft.negativeTags, false],
    ['keyword', draft.negativeKeywords, false],
    ['category', negativeCategories, false],
  ];
  return {
    platform: draft.platform,
    enforceCreds: draft.enforceCreds,
    loggingOnly: draft.loggingOnly,
    minUserCnt: draft.minUserCnt,
    units: lists.flatMap(([kind, values, isPositive]) =>
      values.map((value) => ({ kind, value, isPositive })),
    ),
  };
}

/** How a unit is named in a live's recorded reason: `keyword:Minecraft`, `watchparty:42`, `category:7`. */
export function unitLabel(platform: PlatformName, unit: CriterionUnitRef): string {
  const kind = unit.kind !== 'category' ? unit.kind : platform === 'chzzk' ? 'watchparty' : 'category';
  return `${kind}:${unit.value}`;
}

/** One streamq search per positive unit. */
export function searchesOf(spec: CriterionSpec): Array<{ unit: CriterionUnitRef; search: LiveSearch }> {
  const platform = spec.platform;
  return spec.units
    .filter((u) => u.isPositive)
    .map(({ kind, value }) => {
      const unit = { kind, value };
      if (kind === 'tag' || kind === 'keyword') return { unit, search: { platform, by: kind, value } };
      const search: LiveSearch =
        platform === 'chzzk'
          ? { platform, by: 'watchparty', value: Number(value) }
          : { platform, by: 'category', value, withCred: spec.enforceCreds };
      return { unit, search };
    });
}

/**
 * The first negative unit that excludes the live: a tag in its tags, a keyword in its title
 * (case-sensitive, as the original), or its watch-party/category number.
 */
export function exclusionOf(spec: CriterionSpec, live: LiveInfo): CriterionUnitRef | null {
  for (const { kind, value, isPositive } of spec.units) {
    if (isPositive) continue;
    const hit =
      (kind === 'tag' && live.tags.includes(value)) ||
      (kind === 'keyword' && live.liveTitle.includes(value)) ||
      (kind === 'category' && live.category !== null && Number(live.category) === Number(value));
    if (hit) return { kind, value };
  }
  return null;
}

/**
 * What detection does with a live a criterion found. Known channels follow their grade and skip
 * the viewer threshold; unknown ones, and every live of a logging-only criterion, need the viewers.
 */
export function judge(spec: CriterionSpec, live: LiveInfo, channel: ChannelStanding | undefined): Verdict {
  const verdict = (outcome: PreviewOutcome, reason: PreviewReason, explanation: string): Verdict => ({
    outcome,
    reason,
    excludedBy: null,
    explanation,
  });
  const excludedBy = exclusionOf(spec, live);
  if (excludedBy) {
    return {
      ...verdict('skip', 'excluded', `excluded by negative ${excludedBy.kind} "${excludedBy.value}"`),
      excludedBy,
    };
  }
  const viewers = `${live.viewCnt} viewers`;
  const enough = live.viewCnt >= spec.minUserCnt;
  if (spec.loggingOnly) {
    return enough
      ? verdict(
          'log',
          'logging_only',
          `logging only: ${viewers} ≥ ${spec.minUserCnt}, written to the history`,
        )
      : verdict('skip', 'below_viewer_threshold', `${viewers} < ${spec.minUserCnt}`);
  }
  if (!channel) {
    return enough
      ? verdict('record', 'enough_viewers', `unknown channel, ${viewers} ≥ ${spec.minUserCnt}`)
      : verdict('skip', 'below_viewer_threshold', `unknown channel, ${viewers} < ${spec.minUserCnt}`);
  }
  if (channel.active) return verdict('skip', 'already_recording', 'already being recorded');
  if (channel.shouldSave) {
    return verdict('record', 'grade_recorded', `grade "${channel.grade}" is recorded, whatever the viewers`);
  }
  if (channel.shouldNotify) {
    return verdict('notify', 'grade_notifies', `grade "${channel.grade}" only sends a notice`);
  }
  return verdict('skip', 'grade_not_recorded', `grade "${channel.grade}" is not recorded`);
}
