/**
 * streamq's raw answers, per platform, as the gateway sends them, and the normalized
 * ChannelInfo / LiveInfo recflow works with. The server validates every answer with these; the
 * simulator serves them.
 *
 * The field lists and their optionality follow the schemas recflow was first written against
 * (rwiv/recflow src/platform/spec/raw/chzzk.ts, src/platform/spec/raw/soop.ts): every field those
 * accept absent or null is accepted here absent or null too, and every count or numeric id they
 * coerce from a string (`nnint` in rwiv/recflow src/common/data/common.schema.ts) is accepted here
 * as a JSON number or as its decimal digits. recflow stays more lenient than those on strings (it
 * takes empty strings and does not check that URL fields are URLs) because nothing it does with
 * them depends on that.
 */
import { z } from 'zod';
import { PlatformName } from './common';

const optionalString = z.string().nullish();

/**
 * A count or numeric id. The gateway passes platform numbers through as it gets them, so the same
 * field can arrive as `1523` or as `"1523"`; both mean the same non-negative integer. Only plain
 * decimal digits are taken as a number: a blank or signed string is a malformed answer, not zero.
 */
const count = z
  .union([z.number(), z.string().regex(/^\d+$/, 'expected a non-negative integer or its decimal digits')])
  .transform(Number)
  .pipe(z.number().int().nonnegative());

export const ChzzkLiveRaw = z.object({
  channelId: z.string(),
  channelName: z.string(),
  channelImageUrl: optionalString,
  liveId: count,
  liveTitle: z.string(),
  liveImageUrl: optionalString,
  concurrentUserCount: count,
  openDate: z.string(),
  adult: z.boolean(),
  tags: z.array(z.string()).nullish(),
  categoryType: optionalString,
  liveCategory: optionalString,
  liveCategoryValue: optionalString,
  watchPartyNo: count.nullish(),
  watchPartyTag: optionalString,
});
/** A chzzk live as it arrives: counts and ids may still be strings. */
export type ChzzkLiveRaw = z.input<typeof ChzzkLiveRaw>;

export const ChzzkChannelRaw = z.object({
  channelId: z.string(),
  channelName: z.string(),
  channelImageUrl: optionalString,
  channelDescription: optionalString,
  followerCount: count,
  openLive: z.boolean(),
  liveInfo: ChzzkLiveRaw.nullish(),
});
/** A chzzk channel as it arrives: counts and ids may still be strings. */
export type ChzzkChannelRaw = z.input<typeof ChzzkChannelRaw>;

export const SoopLiveRaw = z.object({
  userId: z.string(),
  userNick: z.string(),
  broadStart: z.string(),
  /** soop's live id: a string now; the first schemas took it as a coerced number, so both are accepted. */
  broadNo: z.union([z.string(), count]).transform(String),
  broadTitle: z.string(),
  broadCateNo: z.union([z.string(), z.number()]).nullish(),
  viewCnt: count,
  hashTags: z.array(z.string()).nullish(),
  adult: z.boolean(),
  locked: z.boolean(),
});
/** A soop live as it arrives: counts and ids may still be strings. */
export type SoopLiveRaw = z.input<typeof SoopLiveRaw>;

export const SoopChannelRaw = z.object({
  userId: z.string(),
  userNick: z.string(),
  profileImageUrl: optionalString,
  fanCnt: count,
  broadStart: z.string().nullish(),
  openLive: z.boolean(),
  liveInfo: SoopLiveRaw.nullish(),
});
/** A soop channel as it arrives: counts and ids may still be strings. */
export type SoopChannelRaw = z.input<typeof SoopChannelRaw>;

export const LiveInfo = z.object({
  type: PlatformName,
  channelUid: z.string(),
  channelName: z.string(),
  /** chzzk `liveId` as a string; soop `broadNo`. */
  liveUid: z.string(),
  liveTitle: z.string(),
  viewCnt: z.number().int(),
  isAdult: z.boolean(),
  openDate: z.string(),
  tags: z.array(z.string()),
  /** chzzk watch-party number or soop category number, when the platform gives one. */
  category: z.string().nullable(),
});
export type LiveInfo = z.infer<typeof LiveInfo>;

export const ChannelInfo = z.object({
  platform: PlatformName,
  sourceId: z.string(),
  username: z.string(),
  profileImgUrl: z.string().nullable(),
  followerCnt: z.number().int(),
  openLive: z.boolean(),
  liveInfo: LiveInfo.nullable(),
});
export type ChannelInfo = z.infer<typeof ChannelInfo>;

export function normalizeChzzkLive(raw: z.output<typeof ChzzkLiveRaw>): LiveInfo {
  return {
    type: 'chzzk',
    channelUid: raw.channelId,
    channelName: raw.channelName,
    liveUid: String(raw.liveId),
    liveTitle: raw.liveTitle,
    viewCnt: raw.concurrentUserCount,
    isAdult: raw.adult,
    openDate: raw.openDate,
    tags: raw.tags ?? [],
    category: raw.watchPartyNo == null ? null : String(raw.watchPartyNo),
  };
}

export function normalizeSoopLive(raw: z.output<typeof SoopLiveRaw>): LiveInfo {
  return {
    type: 'soop',
    channelUid: raw.userId,
    channelName: raw.userNick,
    liveUid: raw.broadNo,
    liveTitle: raw.broadTitle,
    viewCnt: raw.viewCnt,
    isAdult: raw.adult,
    openDate: raw.broadStart,
    tags: raw.hashTags ?? [],
    category: raw.broadCateNo == null || raw.broadCateNo === '' ? null : String(raw.broadCateNo),
  };
}

export function normalizeChzzkChannel(raw: z.output<typeof ChzzkChannelRaw>): ChannelInfo {
  return {
    platform: 'chzzk',
    sourceId: raw.channelId,
    username: raw.channelName,
    profileImgUrl: raw.channelImageUrl ?? null,
    followerCnt: raw.followerCount,
    openLive: raw.openLive,
    liveInfo: raw.liveInfo ? normalizeChzzkLive(raw.liveInfo) : null,
  };
}

export function normalizeSoopChannel(raw: z.output<typeof SoopChannelRaw>): ChannelInfo {
  return {
    platform: 'soop',
    sourceId: raw.userId,
    username: raw.userNick,
    profileImgUrl: raw.profileImageUrl ?? null,
    followerCnt: raw.fanCnt,
    openLive: raw.openLive,
    liveInfo: raw.liveInfo ? normalizeSoopLive(raw.liveInfo) : null,
  };
}
