/** The channel domain: platforms, grades, tags, channels and the channel query. */
import { z } from 'zod';
import { Description, Id, IsoDate, Name, PlatformName, QueryBool } from './common';

/** A channel carries at most this many tags (each tag link indexes the channel's whole tag set). */
export const MAX_TAGS_PER_CHANNEL = 50;

export const PlatformDto = z.object({
  id: Id,
  name: PlatformName,
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
});
export type PlatformDto = z.infer<typeof PlatformDto>;

/** The grade every auto-discovered channel gets; it cannot be renamed or deleted. */
export const DEFAULT_GRADE_NAME = 'none';

export const GradeDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  tier: z.number().int(),
  seq: z.number().int(),
  shouldSave: z.boolean(),
  shouldNotify: z.boolean(),
  /** Nodes that record a live of this grade; null means the server default (NODES_PER_LIVE). */
  nodesPerLive: z.number().int().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
});
export type GradeDto = z.infer<typeof GradeDto>;

const NonNegativeInt = z.number().int('must be an integer').min(0, 'must be 0 or more');
const NodesPerLive = z
  .number()
  .int('must be an integer')
  .min(1, 'must be at least 1')
  .max(10, 'must be at most 10')
  .nullable();

export const CreateGradeBody = z
  .object({
    name: Name,
    shouldSave: z.boolean(),
    shouldNotify: z.boolean().default(false),
    tier: NonNegativeInt.default(0),
    seq: NonNegativeInt.default(0),
    nodesPerLive: NodesPerLive.default(null),
    description: Description.optional(),
  })
  .strict();
export type CreateGradeBody = z.infer<typeof CreateGradeBody>;

export const UpdateGradeBody = z
  .object({
    name: Name,
    shouldSave: z.boolean(),
    shouldNotify: z.boolean(),
    tier: NonNegativeInt,
    seq: NonNegativeInt,
    nodesPerLive: NodesPerLive,
    description: Description,
  })
  .partial()
  .strict();
export type UpdateGradeBody = z.infer<typeof UpdateGradeBody>;

export const TagDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
});
export type TagDto = z.infer<typeof TagDto>;

/** Tag names travel comma-separated in query strings, so they may not contain commas. */
export const TagName = Name.refine((v) => !v.includes(','), 'must not contain a comma');

export const TagWithUsageDto = TagDto.extend({ channelCount: z.number().int() });
export type TagWithUsageDto = z.infer<typeof TagWithUsageDto>;

export const CreateTagBody = z.object({ name: TagName, description: Description.optional() }).strict();
export const UpdateTagBody = z.object({ name: TagName, description: Description }).partial().strict();
export const AttachTagBody = z.object({ channelId: Id, tagName: TagName }).strict();
export const DetachTagBody = z.object({ channelId: Id, tagId: Id }).strict();

export const ChannelDto = z.object({
  id: Id,
  sourceId: z.string(),
  username: z.string(),
  profileImgUrl: z.string().nullable(),
  followerCnt: z.number().int(),
  isFollowed: z.boolean(),
  overseasFirst: z.boolean(),
  description: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  lastRefreshedAt: IsoDate.nullable(),
  streamCheckedAt: IsoDate.nullable(),
  platform: PlatformDto,
  grade: GradeDto,
  tags: z.array(TagDto).optional(),
});
export type ChannelDto = z.infer<typeof ChannelDto>;

export const SourceId = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may only contain letters, digits, "_", "." and "-"');

export const CreateChannelBody = z
  .object({
    platformId: Id.optional(),
    platformName: PlatformName.optional(),
    sourceId: SourceId,
    gradeId: Id.optional(),
    gradeName: Name.optional(),
    isFollowed: z.boolean().default(false),
    overseasFirst: z.boolean().default(false),
    description: Description.optional(),
    tagNames: z.array(TagName).max(MAX_TAGS_PER_CHANNEL, `at most ${MAX_TAGS_PER_CHANNEL} tags`).default([]),
  })
  .strict()
  .refine((b) => (b.platformId === undefined) !== (b.platformName === undefined), {
    message: 'give exactly one of platformId or platformName',
    path: ['platformName'],
  })
  .refine((b) => !(b.gradeId !== undefined && b.gradeName !== undefined), {
    message: 'give at most one of gradeId or gradeName',
    path: ['gradeName'],
  })
  .refine((b) => new Set(b.tagNames).size === b.tagNames.length, {
    message: 'tag names must not repeat',
    path: ['tagNames'],
  });
export type CreateChannelBody = z.infer<typeof CreateChannelBody>;

export const UpdateChannelBody = z
  .object({
    username: Name,
    profileImgUrl: z.url().nullable(),
    followerCnt: NonNegativeInt,
    isFollowed: z.boolean(),
    overseasFirst: z.boolean(),
    description: Description,
    gradeId: Id,
    gradeName: Name,
  })
  .partial()
  .strict()
  .refine((b) => !(b.gradeId !== undefined && b.gradeName !== undefined), {
    message: 'give at most one of gradeId or gradeName',
    path: ['gradeName'],
  });
export type UpdateChannelBody = z.infer<typeof UpdateChannelBody>;

export const CHANNEL_SORTS = ['updatedAt', 'createdAt', 'followerCnt'] as const;
export const ChannelSort = z.enum(CHANNEL_SORTS);
export type ChannelSort = z.infer<typeof ChannelSort>;
export const MAX_PAGE_SIZE = 100;

const TagList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
  )
  .pipe(z.array(z.string()).max(20, 'at most 20 tags'));

const PositiveIntString = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int(`${what} must be an integer`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

/**
 * `GET /api/channels` query. Parameter names are the original short ones so that existing
 * dashboards' URLs and scripts keep working.
 */
export const ChannelQuery = z
  .object({
    p: PositiveIntString('p (page)', 1, 1_000_000).default(1),
    s: PositiveIntString('s (page size)', 1, MAX_PAGE_SIZE).default(20),
    st: ChannelSort.default('updatedAt'),
    pf: PlatformName.optional(),
    gr: z.string().trim().min(1).optional(),
    it: TagList.optional(),
    et: TagList.optional(),
    uid: z.string().trim().min(1).max(100).optional(),
    uname: z.string().trim().min(1).max(100).optional(),
    wt: QueryBool.optional(),
    followed: QueryBool.optional(),
  })
  .strict()
  .refine((q) => !(q.it ?? []).some((t) => (q.et ?? []).includes(t)), {
    message: 'a tag cannot be both included and excluded',
    path: ['et'],
  });
export type ChannelQuery = z.infer<typeof ChannelQuery>;
export type ChannelQueryInput = z.input<typeof ChannelQuery>;

export const ChannelPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  channels: z.array(ChannelDto),
});
export type ChannelPage = z.infer<typeof ChannelPage>;

/** One row of a bulk import, as JSON or as a CSV line with the same column names. */
export const ImportRow = z
  .object({
    platform: PlatformName,
    sourceId: SourceId,
    grade: Name.optional(),
    tags: z.array(TagName).max(MAX_TAGS_PER_CHANNEL).default([]),
    followed: z.boolean().optional(),
    description: Description.optional(),
  })
  .strict();
export type ImportRow = z.infer<typeof ImportRow>;

export const MAX_IMPORT_ROWS = 5000;

export const ImportBody = z.union([
  z.object({ rows: z.array(z.unknown()).min(1, 'no rows').max(MAX_IMPORT_ROWS) }).strict(),
  z.object({ csv: z.string().min(1, 'the CSV is empty').max(5_000_000) }).strict(),
]);
export type ImportBody = z.infer<typeof ImportBody>;

export const IMPORT_OUTCOMES = ['created', 'updated', 'unchanged', 'error'] as const;
export const ImportRowResult = z.object({
  /** 1-based row number in the submitted file (CSV header excluded). */
  row: z.number().int(),
  platform: z.string().nullable(),
  sourceId: z.string().nullable(),
  outcome: z.enum(IMPORT_OUTCOMES),
  channelId: Id.nullable(),
  /** What changed, or why the row failed. */
  message: z.string().nullable(),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportReport = z.object({
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
  }),
  rows: z.array(ImportRowResult),
});
export type ImportReport = z.infer<typeof ImportReport>;
