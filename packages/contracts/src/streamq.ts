/**
 * streamq's raw answers, per platform, exactly as the gateway sends them, and the normalized
 * ChannelInfo / LiveInfo recflow works with. The server validates every answer with these; the
 * simulator serves them.
 */
import { z } from 'zod';
import { PlatformName } from './common';

const optionalString = z.string().nullish();

export const ChzzkLiveRaw = z.object({
  channelId: z.string(),
  channelName: z.string(),
  channelImageUrl: optionalString,
  liveId: z.number().int(),
  liveTitle: z.string(),
  liveImageUrl: optionalString,
  concurrentUserCount: z.number().int(),
  openDate: z.string(),
  adult: z.boolean(),
  tags: z.array(z.string()).nullish(),
  categoryType: optionalString,
  liveCategory: optionalString,
  liveCategoryValue: optionalString,
  watchPartyNo: z.number().int().nullish(),
  watchPartyTag: optionalString,
});
export type ChzzkLiveRaw = z.infer<typeof ChzzkLiveRaw>;

export const ChzzkChannelRaw = z.object({
  channelId: z.string(),
  channelName: z.string(),
  channelImageUrl: optionalString,
  channelDescription: optionalString,
  followerCount: z.number().int(),
  openLive: z.boolean(),
  liveInfo: ChzzkLiveRaw.nullish(),
});
export type ChzzkChannelRaw = z.infer<typeof ChzzkChannelRaw>;

export const SoopLiveRaw = z.object({
  userId: z.string(),
  userNick: z.string(),
  broadStart: z.string(),
  broadNo: z.union([z.string(), z.number()]).transform(String),
  broadTitle: z.string(),
  broadCateNo: z.union([z.string(), z.number()]).nullish(),
  viewCnt: z.number().int(),
  hashTags: z.array(z.string()).nullish(),
  adult: z.boolean(),
  locked: z.boolean(),
});
export type SoopLiveRaw = z.input<typeof SoopLiveRaw>;

export const SoopChannelRaw = z.object({
  userId: z.string(),
  userNick: z.string(),
  profileImageUrl: optionalString,
  fanCnt: z.number().int(),
  broadStart: z.string().nullish(),
  openLive: z.boolean(),
  liveInfo: SoopLiveRaw.nullish(),
});
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

export function normalizeChzzkLive(raw: ChzzkLiveRaw): LiveInfo {
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

export function normalizeSoopLive(raw: z.infer<typeof SoopLiveRaw>): LiveInfo {
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

export function normalizeChzzkChannel(raw: ChzzkChannelRaw): ChannelInfo {
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

export function normalizeSoopChannel(raw: z.infer<typeof SoopChannelRaw>): ChannelInfo {
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
