/**
 * Renders simulated channels and lives in each platform's raw streamq shape.
 *
 * The shapes keep to what the schemas recflow was first written against accept (rwiv/recflow
 * src/platform/spec/raw/chzzk.ts, src/platform/spec/raw/soop.ts): required strings are never
 * empty, an optional field with nothing to say is null or left out (never `""`), and URL fields
 * hold URLs. Within those limits the answers vary the way a real gateway's do, so recflow's
 * parsing meets every form: some optional fields are given, some null, some absent, and counts and
 * numeric ids come as JSON numbers for some channels and lives and as decimal strings for others.
 * Which form a field takes is derived from the channel's source id or the live's id, never drawn at
 * random, so a run repeats exactly and a test can find a channel of each form.
 */
import type { ChzzkChannelRaw, ChzzkLiveRaw, SoopChannelRaw, SoopLiveRaw } from '@recflow/contracts';
import type { SimChannel, SimLive } from '../world';

/** A stable choice in `[0, choices)` for the key (FNV-1a), the same on every run. */
function pick(key: string, choices: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % choices;
}

/** The number as JSON number or as its decimal string, per key. */
function numberish(value: number, key: string): number | string {
  return pick(key, 2) === 0 ? value : String(value);
}

/** A value the simulation has, or else null or nothing at all, per key. */
function orNothing<T>(value: T | null, key: string): T | null | undefined {
  if (value !== null) return value;
  return pick(key, 2) === 0 ? null : undefined;
}

/** A value the simulation could give: given, null or absent, per key. */
function sometimes<T>(value: T, key: string): T | null | undefined {
  return [value, null, undefined][pick(key, 3)];
}

/** Drops the keys left undefined, so the object is exactly what goes on the wire. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/** The platforms' `YYYY-MM-DD HH:mm:ss` timestamps. */
function platformTime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** Tags when there are any; a live without tags sends an empty list, null, or nothing. */
function tagsOf(tags: string[], key: string): string[] | null | undefined {
  return tags.length > 0 ? tags : sometimes([], key);
}

/** chzzk's category triple as the platform fills it for a few kinds of broadcast. */
const CHZZK_CATEGORIES = [
  { categoryType: 'GAME', liveCategory: 'Minecraft', liveCategoryValue: '마인크래프트' },
  { categoryType: 'ETC', liveCategory: 'talk', liveCategoryValue: '토크' },
] as const;

export function chzzkLive(channel: SimChannel, live: SimLive): ChzzkLiveRaw {
  const key = (field: string) => `chzzk-live:${live.liveId}:${field}`;
  // The three category fields come together or not at all, as one choice.
  const kind = CHZZK_CATEGORIES[pick(key('category-kind'), CHZZK_CATEGORIES.length)]!;
  const given = sometimes(kind, key('category'));
  const category = given ?? { categoryType: given, liveCategory: given, liveCategoryValue: given };
  return compact({
    channelId: channel.sourceId,
    channelName: channel.username,
    channelImageUrl: orNothing(channel.profileImgUrl, key('channelImageUrl')),
    liveId: numberish(live.liveId, key('liveId')),
    liveTitle: live.title,
    liveImageUrl: sometimes(
      `https://thumbnails.sim.invalid/chzzk/${live.liveId}_480.jpg`,
      key('liveImageUrl'),
    ),
    concurrentUserCount: numberish(live.viewers, key('concurrentUserCount')),
    openDate: platformTime(live.openDate),
    adult: live.adult,
    tags: tagsOf(live.tags, key('tags')),
    ...category,
    watchPartyNo:
      live.category === null
        ? orNothing(null, key('watchPartyNo'))
        : numberish(live.category, key('watchPartyNo')),
    watchPartyTag:
      live.category === null ? orNothing(null, key('watchPartyTag')) : `watch party ${live.category}`,
  });
}

export function chzzkChannel(channel: SimChannel, withLiveInfo: boolean): ChzzkChannelRaw {
  const key = (field: string) => `chzzk-channel:${channel.sourceId}:${field}`;
  return compact({
    channelId: channel.sourceId,
    channelName: channel.username,
    channelImageUrl: orNothing(channel.profileImgUrl, key('channelImageUrl')),
    channelDescription: sometimes(`${channel.username}'s channel`, key('channelDescription')),
    followerCount: numberish(channel.followerCnt, key('followerCount')),
    openLive: channel.live !== null,
    liveInfo:
      withLiveInfo && channel.live ? chzzkLive(channel, channel.live) : orNothing(null, key('liveInfo')),
  });
}

export function soopLive(channel: SimChannel, live: SimLive): SoopLiveRaw {
  const key = (field: string) => `soop-live:${live.liveId}:${field}`;
  return compact({
    userId: channel.sourceId,
    userNick: channel.username,
    broadStart: platformTime(live.openDate),
    // Always a string: the schema of rwiv/recflow src/platform/spec/raw/soop.ts takes no number here.
    broadNo: String(live.liveId),
    broadTitle: live.title,
    // A string too, for the same reason; a live without a category has none rather than `""`.
    broadCateNo: live.category === null ? orNothing(null, key('broadCateNo')) : String(live.category),
    viewCnt: numberish(live.viewers, key('viewCnt')),
    hashTags: tagsOf(live.tags, key('hashTags')),
    adult: live.adult,
    locked: false,
  });
}

/**
 * The schema of rwiv/recflow src/platform/spec/raw/soop.ts requires a channel's broadStart even
 * while it is off air: the start of its latest broadcast. The simulator keeps no past broadcasts,
 * so an offline channel gets a fixed time in 2024 derived from its id.
 */
function lastBroadStart(channel: SimChannel): string {
  if (channel.live) return platformTime(channel.live.openDate);
  const hours = pick(`soop-channel:${channel.sourceId}:broadStart`, 365 * 24);
  return platformTime(new Date(Date.UTC(2024, 0, 1) + hours * 3_600_000));
}

export function soopChannel(channel: SimChannel, withLiveInfo: boolean): SoopChannelRaw {
  const key = (field: string) => `soop-channel:${channel.sourceId}:${field}`;
  return compact({
    userId: channel.sourceId,
    userNick: channel.username,
    profileImageUrl: orNothing(channel.profileImgUrl, key('profileImageUrl')),
    fanCnt: numberish(channel.followerCnt, key('fanCnt')),
    broadStart: lastBroadStart(channel),
    openLive: channel.live !== null,
    liveInfo:
      withLiveInfo && channel.live ? soopLive(channel, channel.live) : orNothing(null, key('liveInfo')),
  });
}
