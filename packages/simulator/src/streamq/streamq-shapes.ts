/** Renders simulated channels and lives in each platform's raw streamq shape. */
import type { ChzzkChannelRaw, ChzzkLiveRaw, SoopChannelRaw, SoopLiveRaw } from '@recflow/contracts';
import type { SimChannel, SimLive } from '../world';

export function chzzkLive(channel: SimChannel, live: SimLive): ChzzkLiveRaw {
  return {
    channelId: channel.sourceId,
    channelName: channel.username,
    channelImageUrl: channel.profileImgUrl,
    liveId: live.liveId,
    liveTitle: live.title,
    liveImageUrl: null,
    concurrentUserCount: live.viewers,
    openDate: live.openDate.toISOString().replace('T', ' ').slice(0, 19),
    adult: live.adult,
    tags: live.tags,
    categoryType: 'GAME',
    liveCategory: null,
    liveCategoryValue: null,
    watchPartyNo: live.category,
    watchPartyTag: null,
  };
}

export function chzzkChannel(channel: SimChannel, withLiveInfo: boolean): ChzzkChannelRaw {
  return {
    channelId: channel.sourceId,
    channelName: channel.username,
    channelImageUrl: channel.profileImgUrl,
    channelDescription: '',
    followerCount: channel.followerCnt,
    openLive: channel.live !== null,
    liveInfo: withLiveInfo && channel.live ? chzzkLive(channel, channel.live) : null,
  };
}

export function soopLive(channel: SimChannel, live: SimLive): SoopLiveRaw {
  return {
    userId: channel.sourceId,
    userNick: channel.username,
    broadStart: live.openDate.toISOString().replace('T', ' ').slice(0, 19),
    broadNo: String(live.liveId),
    broadTitle: live.title,
    broadCateNo: live.category === null ? '' : String(live.category),
    viewCnt: live.viewers,
    hashTags: live.tags,
    adult: live.adult,
    locked: false,
  };
}

export function soopChannel(channel: SimChannel, withLiveInfo: boolean): SoopChannelRaw {
  return {
    userId: channel.sourceId,
    userNick: channel.username,
    profileImageUrl: channel.profileImgUrl,
    fanCnt: channel.followerCnt,
    broadStart: channel.live ? channel.live.openDate.toISOString() : null,
    openLive: channel.live !== null,
    liveInfo: withLiveInfo && channel.live ? soopLive(channel, channel.live) : null,
  };
}
