import type { LiveInfo } from '@recflow/contracts';
import { describe, expect, it } from 'vitest';
import type { CriterionRecord } from './criterion.repository';
import {
  type ChannelStanding,
  type CriterionSpec,
  exclusionOf,
  judge,
  searchesOf,
  specOfDraft,
  specOfRecord,
  unitLabel,
} from './criterion-matching';

const live = (patch: Partial<LiveInfo> = {}): LiveInfo => ({
  type: 'chzzk',
  channelUid: 'c1',
  channelName: 'One',
  liveUid: '100',
  liveTitle: 'Minecraft hardcore',
  viewCnt: 900,
  isAdult: false,
  openDate: '2026-01-01 10:00:00',
  tags: ['game'],
  category: null,
  ...patch,
});

const spec = (patch: Partial<CriterionSpec> = {}): CriterionSpec => ({
  platform: 'chzzk',
  enforceCreds: false,
  loggingOnly: false,
  minUserCnt: 500,
  units: [{ kind: 'keyword', value: 'Minecraft', isPositive: true }],
  ...patch,
});

const standing = (patch: Partial<ChannelStanding> = {}): ChannelStanding => ({
  grade: 'vip',
  shouldSave: true,
  shouldNotify: false,
  active: false,
  ...patch,
});

describe('criterion matching', () => {
  it('makes one search per positive unit, with credentials only for soop categories', () => {
    const soop = spec({
      platform: 'soop',
      enforceCreds: true,
      units: [
        { kind: 'tag', value: 'game', isPositive: true },
        { kind: 'category', value: '7', isPositive: true },
        { kind: 'keyword', value: 'rerun', isPositive: false },
      ],
    });
    expect(searchesOf(soop).map((s) => s.search)).toEqual([
      { platform: 'soop', by: 'tag', value: 'game' },
      { platform: 'soop', by: 'category', value: '7', withCred: true },
    ]);
    const chzzk = spec({ units: [{ kind: 'category', value: '42', isPositive: true }] });
    expect(searchesOf(chzzk)[0]?.search).toEqual({ platform: 'chzzk', by: 'watchparty', value: 42 });
    expect(unitLabel('chzzk', { kind: 'category', value: '42' })).toBe('watchparty:42');
    expect(unitLabel('soop', { kind: 'category', value: '7' })).toBe('category:7');
  });

  it('excludes by a negative tag, a case-sensitive title keyword, or the category number', () => {
    const s = spec({
      units: [
        { kind: 'tag', value: 'adult', isPositive: false },
        { kind: 'keyword', value: 'rerun', isPositive: false },
        { kind: 'category', value: '0042', isPositive: false },
      ],
    });
    expect(exclusionOf(s, live({ tags: ['game', 'adult'] }))).toEqual({ kind: 'tag', value: 'adult' });
    expect(exclusionOf(s, live({ liveTitle: 'Minecraft rerun' }))).toEqual({
      kind: 'keyword',
      value: 'rerun',
    });
    expect(exclusionOf(s, live({ liveTitle: 'Minecraft RERUN' }))).toBeNull();
    expect(exclusionOf(s, live({ category: '42' }))).toEqual({ kind: 'category', value: '0042' });
    expect(exclusionOf(s, live())).toBeNull();
  });

  it('records unknown channels at or above the viewer threshold only', () => {
    expect(judge(spec(), live({ viewCnt: 500 }), undefined)).toMatchObject({
      outcome: 'record',
      reason: 'enough_viewers',
    });
    expect(judge(spec(), live({ viewCnt: 499 }), undefined)).toMatchObject({
      outcome: 'skip',
      reason: 'below_viewer_threshold',
      explanation: 'unknown channel, 499 viewers < 500',
    });
  });

  it('lets a known channel’s grade decide, whatever its viewers', () => {
    const few = live({ viewCnt: 3 });
    expect(judge(spec(), few, standing())).toMatchObject({ outcome: 'record', reason: 'grade_recorded' });
    expect(judge(spec(), few, standing({ shouldSave: false, shouldNotify: true }))).toMatchObject({
      outcome: 'notify',
      reason: 'grade_notifies',
    });
    expect(judge(spec(), few, standing({ shouldSave: false, grade: 'none' }))).toMatchObject({
      outcome: 'skip',
      reason: 'grade_not_recorded',
      explanation: 'grade "none" is not recorded',
    });
    expect(judge(spec(), few, standing({ active: true }))).toMatchObject({
      outcome: 'skip',
      reason: 'already_recording',
    });
  });

  it('only logs for a logging-only criterion, with the threshold applied to every channel', () => {
    const logging = spec({ loggingOnly: true });
    expect(judge(logging, live(), standing())).toMatchObject({ outcome: 'log', reason: 'logging_only' });
    expect(judge(logging, live({ viewCnt: 10 }), standing())).toMatchObject({
      outcome: 'skip',
      reason: 'below_viewer_threshold',
    });
  });

  it('puts exclusion before everything else and names the unit', () => {
    const s = spec({ units: [{ kind: 'tag', value: 'adult', isPositive: false }] });
    expect(judge(s, live({ tags: ['adult'] }), standing())).toEqual({
      outcome: 'skip',
      reason: 'excluded',
      excludedBy: { kind: 'tag', value: 'adult' },
      explanation: 'excluded by negative tag "adult"',
    });
  });

  it('reads saved criteria and drafts into the same spec', () => {
    const unit = (ruleName: string, value: string, isPositive: boolean) => ({
      id: value,
      criterionId: 'x',
      ruleId: 'r',
      ruleName,
      value,
      isPositive,
      createdAt: '',
      updatedAt: null,
    });
    const record = {
      platform: 'soop',
      criterion: { enforceCreds: true, loggingOnly: false, minUserCnt: 10 },
      units: [
        unit('soop_tag_name', 'game', true),
        unit('soop_cate_no', '7', true),
        unit('soop_keyword_name', 'rerun', false),
      ],
    } as unknown as CriterionRecord;
    const fromDraft = specOfDraft({
      platform: 'soop',
      isDeactivated: true,
      enforceCreds: true,
      domesticOnly: false,
      overseasFirst: false,
      loggingOnly: false,
      minUserCnt: 10,
      positiveTags: ['game'],
      negativeTags: [],
      positiveKeywords: [],
      negativeKeywords: ['rerun'],
      positiveCates: ['7'],
      negativeCates: [],
    });
    expect(specOfRecord(record)).toEqual(fromDraft);
  });
});
