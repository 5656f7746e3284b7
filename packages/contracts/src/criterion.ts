/**
 * Criteria: operator-defined rules that turn platform live searches into recordings. Positive units
 * are the searches; negative units exclude results. The API keeps the original's per-platform
 * shapes (tags, keywords, and watch parties for chzzk or categories for soop).
 */
import { z } from 'zod';
import { Description, Id, IdParams, IsoDate, Name, PlatformName } from './common';
import { defineRoute } from './route';

export const CRITERION_RULES = {
  chzzk: { tag: 'chzzk_tag_name', keyword: 'chzzk_keyword_name', category: 'chzzk_watch_party_no' },
  soop: { tag: 'soop_tag_name', keyword: 'soop_keyword_name', category: 'soop_cate_no' },
} as const;
export type CriterionUnitKind = 'tag' | 'keyword' | 'category';

export const CriterionUnitDto = z.object({
  id: Id,
  criterionId: Id,
  ruleId: Id,
  ruleName: z.string(),
  value: z.string(),
  isPositive: z.boolean(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
});
export type CriterionUnitDto = z.infer<typeof CriterionUnitDto>;

const Units = z.array(CriterionUnitDto);

const CriterionBase = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  platformId: Id,
  isDeactivated: z.boolean(),
  enforceCreds: z.boolean(),
  domesticOnly: z.boolean(),
  overseasFirst: z.boolean(),
  loggingOnly: z.boolean(),
  minUserCnt: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
  positiveTags: Units,
  negativeTags: Units,
  positiveKeywords: Units,
  negativeKeywords: Units,
});

export const ChzzkCriterionDto = CriterionBase.extend({
  platform: z.literal('chzzk'),
  positiveWps: Units,
  negativeWps: Units,
});
export const SoopCriterionDto = CriterionBase.extend({
  platform: z.literal('soop'),
  positiveCates: Units,
  negativeCates: Units,
});
export const CriterionDto = z.discriminatedUnion('platform', [ChzzkCriterionDto, SoopCriterionDto]);
export type CriterionDto = z.infer<typeof CriterionDto>;

const Values = (what: string, number = false) =>
  z
    .array(
      number
        ? z
            .string()
            .trim()
            .regex(/^\d{1,12}$/, `each ${what} must be a whole number`)
        : z.string().trim().min(1, `a ${what} must not be empty`).max(200),
    )
    .max(100)
    .default([])
    .refine((v) => new Set(v).size === v.length, `${what}s must not repeat`);

const Flags = {
  description: Description.optional(),
  isDeactivated: z.boolean().default(true),
  enforceCreds: z.boolean().default(false),
  domesticOnly: z.boolean().default(false),
  overseasFirst: z.boolean().default(false),
  loggingOnly: z.boolean().default(false),
  minUserCnt: z.number().int('must be an integer').min(0, 'must be 0 or more').default(0),
};

const ChzzkUnits = {
  positiveTags: Values('tag'),
  negativeTags: Values('tag'),
  positiveKeywords: Values('keyword'),
  negativeKeywords: Values('keyword'),
  positiveWps: Values('watch party number', true),
  negativeWps: Values('watch party number', true),
};
const SoopUnits = {
  positiveTags: Values('tag'),
  negativeTags: Values('tag'),
  positiveKeywords: Values('keyword'),
  negativeKeywords: Values('keyword'),
  positiveCates: Values('category number', true),
  negativeCates: Values('category number', true),
};

/** The rules every whole criterion obeys, shared by create bodies and preview drafts. */
function wholeCriterion<
  T extends z.ZodType<{
    domesticOnly: boolean;
    overseasFirst: boolean;
    positiveTags: string[];
    positiveKeywords: string[];
  }>,
>(schema: T, searches: (b: z.infer<T>) => number, what: string) {
  return schema
    .refine((b) => !(b.domesticOnly && b.overseasFirst), {
      message: 'a criterion cannot be both domesticOnly and overseasFirst',
      path: ['overseasFirst'],
    })
    .refine((b) => b.positiveTags.length + b.positiveKeywords.length + searches(b) > 0, {
      message: `a criterion needs at least one positive tag, keyword or ${what}: they are its searches`,
      path: ['positiveTags'],
    });
}

export const CreateChzzkCriterionBody = wholeCriterion(
  z.object({ name: Name, ...Flags, ...ChzzkUnits }).strict(),
  (b) => b.positiveWps.length,
  'watch party',
);
export type CreateChzzkCriterionBody = z.infer<typeof CreateChzzkCriterionBody>;

export const CreateSoopCriterionBody = wholeCriterion(
  z.object({ name: Name, ...Flags, ...SoopUnits }).strict(),
  (b) => b.positiveCates.length,
  'category',
);
export type CreateSoopCriterionBody = z.infer<typeof CreateSoopCriterionBody>;

/**
 * Name and platform are fixed; the result of the update is what gets validated, so a harmless
 * request (say `domesticOnly: false` on an overseas-first criterion) is not refused (the original
 * refused it).
 */
export const UpdateCriterionBody = z
  .object({
    description: Description,
    isDeactivated: z.boolean(),
    enforceCreds: z.boolean(),
    domesticOnly: z.boolean(),
    overseasFirst: z.boolean(),
    loggingOnly: z.boolean(),
    minUserCnt: z.number().int('must be an integer').min(0, 'must be 0 or more'),
  })
  .partial()
  .strict();
export type UpdateCriterionBody = z.infer<typeof UpdateCriterionBody>;

export const CreateCriterionUnitBody = z
  .object({
    criterionId: Id,
    /** The rule by id (as the original API) or by its name, e.g. `chzzk_tag_name`. */
    ruleId: Id.optional(),
    ruleName: z.string().optional(),
    value: z.string().trim().min(1, 'must not be empty').max(200),
    isPositive: z.boolean(),
  })
  .strict()
  .refine((b) => (b.ruleId === undefined) !== (b.ruleName === undefined), {
    message: 'give exactly one of ruleId or ruleName',
    path: ['ruleId'],
  });
export type CreateCriterionUnitBody = z.infer<typeof CreateCriterionUnitBody>;

export const CriterionRuleDto = z.object({
  id: Id,
  name: z.string(),
  platform: PlatformName,
  kind: z.enum(['tag', 'keyword', 'category']),
});

/** One broadcast a logging-only criterion saw. */
export const LiveHistoryEntry = z.object({
  platform: PlatformName,
  liveUid: z.string(),
  channelUid: z.string(),
  channelName: z.string(),
  title: z.string(),
  viewCnt: z.number().int(),
  isAdult: z.boolean(),
  /** The channel's grade, when recflow knows the channel. */
  grade: z.string().nullable(),
  seenAt: IsoDate,
});
export type LiveHistoryEntry = z.infer<typeof LiveHistoryEntry>;

/**
 * A criterion as the operator is editing it, for a preview: the same fields and rules as a create
 * body (the name may still be missing), with the platform in the body.
 */
export const CriterionDraft = z.discriminatedUnion('platform', [
  wholeCriterion(
    z.object({ platform: z.literal('chzzk'), name: Name.optional(), ...Flags, ...ChzzkUnits }).strict(),
    (b) => b.positiveWps.length,
    'watch party',
  ),
  wholeCriterion(
    z.object({ platform: z.literal('soop'), name: Name.optional(), ...Flags, ...SoopUnits }).strict(),
    (b) => b.positiveCates.length,
    'category',
  ),
]);
export type CriterionDraft = z.infer<typeof CriterionDraft>;

const UnitKind = z.enum(['tag', 'keyword', 'category']);
/** One value of a criterion: `{kind: 'keyword', value: 'Minecraft'}`. */
export const CriterionUnitRef = z.object({ kind: UnitKind, value: z.string() });
export type CriterionUnitRef = z.infer<typeof CriterionUnitRef>;

/** What detection would do with a live right now. */
export const PreviewOutcome = z.enum(['record', 'log', 'notify', 'skip']);
export type PreviewOutcome = z.infer<typeof PreviewOutcome>;
export const PreviewReason = z.enum([
  /** An unknown channel with at least the minimum viewers. */
  'enough_viewers',
  /** A known channel whose grade is recorded (the viewer threshold does not apply). */
  'grade_recorded',
  /** A logging-only criterion: written to its history, never recorded. */
  'logging_only',
  /** The channel's grade only notifies. */
  'grade_notifies',
  'already_recording',
  'excluded',
  'below_viewer_threshold',
  'grade_not_recorded',
]);
export type PreviewReason = z.infer<typeof PreviewReason>;

export const PreviewLiveDto = z.object({
  platform: PlatformName,
  liveUid: z.string(),
  title: z.string(),
  viewCnt: z.number().int(),
  tags: z.array(z.string()),
  /** chzzk watch-party number or soop category number. */
  category: z.string().nullable(),
  isAdult: z.boolean(),
  openDate: z.string(),
  channel: z.object({
    uid: z.string(),
    username: z.string(),
    /** recflow's channel id when it knows the channel. */
    id: Id.nullable(),
    known: z.boolean(),
    grade: z.string().nullable(),
  }),
  /** The positive units whose searches found the live. */
  matched: z.array(CriterionUnitRef),
  outcome: PreviewOutcome,
  reason: PreviewReason,
  /** The negative unit that excludes the live (reason `excluded`). */
  excludedBy: CriterionUnitRef.nullable(),
  /** The reason in words, e.g. "900 viewers ≥ 500". */
  explanation: z.string(),
});
export type PreviewLiveDto = z.infer<typeof PreviewLiveDto>;

export const PreviewSearchDto = z.object({
  kind: UnitKind,
  value: z.string(),
  ok: z.boolean(),
  /** Lives it answered with (0 when it failed). */
  found: z.number().int(),
  ms: z.number(),
  /** Why it failed: streamq's error, or the preview's time limit. */
  error: z.string().nullable(),
});
export type PreviewSearchDto = z.infer<typeof PreviewSearchDto>;

export const CriterionPreviewDto = z.object({
  platform: PlatformName,
  /** The saved criterion previewed, or null for a draft. */
  criterionId: Id.nullable(),
  at: IsoDate,
  searches: z.array(PreviewSearchDto),
  /** Every live the searches found, those that would be recorded first, then by viewers. */
  lives: z.array(PreviewLiveDto),
  counts: z.object({
    record: z.number().int(),
    log: z.number().int(),
    notify: z.number().int(),
    skip: z.number().int(),
  }),
});
export type CriterionPreviewDto = z.infer<typeof CriterionPreviewDto>;

export const criterionRoutes = {
  previewDraft: defineRoute({
    method: 'POST',
    path: '/api/criteria/preview',
    tag: 'Criteria',
    summary:
      'The lives a criterion being edited would match right now, and what detection would do with each',
    description:
      'Runs the draft’s searches on streamq (bounded concurrency, CRITERIA_PREVIEW_TIMEOUT_MS in all) and judges every live found exactly as detection does. A failing search is reported in `searches`; only when every search fails is the answer a 502.',
    body: CriterionDraft,
    response: CriterionPreviewDto,
    errors: [502],
  }),
  preview: defineRoute({
    method: 'GET',
    path: '/api/criteria/:id/preview',
    tag: 'Criteria',
    summary: 'The lives a saved criterion (active or not) would match right now, and what detection would do',
    params: IdParams,
    response: CriterionPreviewDto,
    errors: [404, 502],
  }),
  history: defineRoute({
    method: 'GET',
    path: '/api/criteria/:id/history',
    tag: 'Criteria',
    summary: 'Broadcasts a logging-only criterion saw in the last three days, newest first',
    params: IdParams,
    response: z.array(LiveHistoryEntry),
    errors: [404],
  }),
  rules: defineRoute({
    method: 'GET',
    path: '/api/criteria/rules',
    tag: 'Criteria',
    summary: 'The fixed rule kinds units refer to',
    response: z.array(CriterionRuleDto),
  }),
  listChzzk: defineRoute({
    method: 'GET',
    path: '/api/criteria/chzzk',
    tag: 'Criteria',
    summary: 'chzzk criteria with their units',
    response: z.array(ChzzkCriterionDto),
  }),
  listSoop: defineRoute({
    method: 'GET',
    path: '/api/criteria/soop',
    tag: 'Criteria',
    summary: 'soop criteria with their units',
    response: z.array(SoopCriterionDto),
  }),
  createChzzk: defineRoute({
    method: 'POST',
    path: '/api/criteria/chzzk',
    tag: 'Criteria',
    summary: 'Create a chzzk criterion (inactive unless isDeactivated is false)',
    body: CreateChzzkCriterionBody,
    response: ChzzkCriterionDto,
    status: 201,
    errors: [409],
  }),
  createSoop: defineRoute({
    method: 'POST',
    path: '/api/criteria/soop',
    tag: 'Criteria',
    summary: 'Create a soop criterion (inactive unless isDeactivated is false)',
    body: CreateSoopCriterionBody,
    response: SoopCriterionDto,
    status: 201,
    errors: [409],
  }),
  addUnit: defineRoute({
    method: 'POST',
    path: '/api/criteria/units',
    tag: 'Criteria',
    summary: 'Add a search (positive) or exclusion (negative) value to a criterion',
    body: CreateCriterionUnitBody,
    response: CriterionDto,
    status: 201,
    errors: [404, 409, 422],
  }),
  removeUnit: defineRoute({
    method: 'DELETE',
    path: '/api/criteria/units/:id',
    tag: 'Criteria',
    summary: 'Remove a unit (not the last positive one of an active criterion)',
    params: IdParams,
    response: CriterionDto,
    errors: [404, 422],
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/api/criteria/:id',
    tag: 'Criteria',
    summary: 'Change a criterion’s flags; the resulting criterion is validated as a whole',
    params: IdParams,
    body: UpdateCriterionBody,
    response: CriterionDto,
    errors: [404, 422],
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/criteria/:id',
    tag: 'Criteria',
    summary: 'Delete a criterion and its units',
    params: IdParams,
    response: CriterionDto,
    errors: [404],
  }),
};
