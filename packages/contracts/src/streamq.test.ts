/**
 * streamq's raw answers in every form the schemas recflow was first written against accept:
 * each optional field absent, each null, counts and ids as decimal strings, and everything given.
 * recflow must take them all and normalize them to the same ChannelInfo / LiveInfo.
 */
import { describe, expect, it } from 'vitest';
import {
  type ChannelInfo,
  ChzzkChannelRaw,
  ChzzkLiveRaw,
  type LiveInfo,
  normalizeChzzkChannel,
  normalizeChzzkLive,
  normalizeSoopChannel,
  normalizeSoopLive,
  SoopChannelRaw,
  SoopLiveRaw,
} from './streamq';

interface Case {
  name: string;
  channel: Record<string, unknown>;
  expected: ChannelInfo;
}

describe('chzzk raw answers', () => {
  // Field lists and optionality from rwiv/recflow src/platform/spec/raw/chzzk.ts (chzzkLiveInfo,
  // chzzkChannelInfo); counts and ids coerced as its `nnint` in src/common/data/common.schema.ts.
  const required = {
    channelId: 'c0ffee',
    channelName: 'Chzzk Caster',
    liveId: 1234567,
    liveTitle: 'Minecraft night',
    concurrentUserCount: 800,
    openDate: '2025-04-30 21:00:00',
    adult: false,
  };
  const live = (overrides: Partial<LiveInfo> = {}): LiveInfo => ({
    type: 'chzzk',
    channelUid: 'c0ffee',
    channelName: 'Chzzk Caster',
    liveUid: '1234567',
    liveTitle: 'Minecraft night',
    viewCnt: 800,
    isAdult: false,
    openDate: '2025-04-30 21:00:00',
    tags: [],
    category: null,
    ...overrides,
  });
  const channel = (liveInfo: LiveInfo | null, profileImgUrl: string | null = null): ChannelInfo => ({
    platform: 'chzzk',
    sourceId: 'c0ffee',
    username: 'Chzzk Caster',
    profileImgUrl,
    followerCnt: 5000,
    openLive: true,
    liveInfo,
  });
  const cases: Case[] = [
    {
      name: 'every optional field absent',
      channel: {
        channelId: 'c0ffee',
        channelName: 'Chzzk Caster',
        followerCount: 5000,
        openLive: true,
        liveInfo: { ...required },
      },
      expected: channel(live()),
    },
    {
      name: 'every optional field null',
      channel: {
        channelId: 'c0ffee',
        channelName: 'Chzzk Caster',
        channelImageUrl: null,
        channelDescription: null,
        followerCount: 5000,
        openLive: true,
        liveInfo: {
          ...required,
          channelImageUrl: null,
          liveImageUrl: null,
          tags: null,
          categoryType: null,
          liveCategory: null,
          liveCategoryValue: null,
          watchPartyNo: null,
          watchPartyTag: null,
        },
      },
      expected: channel(live()),
    },
    {
      name: 'counts and ids as decimal strings',
      channel: {
        channelId: 'c0ffee',
        channelName: 'Chzzk Caster',
        followerCount: '5000',
        openLive: true,
        liveInfo: { ...required, liveId: '1234567', concurrentUserCount: '800', watchPartyNo: '42' },
      },
      expected: channel(live({ category: '42' })),
    },
    {
      name: 'every field given',
      channel: {
        channelId: 'c0ffee',
        channelName: 'Chzzk Caster',
        channelImageUrl: 'https://img.example/c0ffee.png',
        channelDescription: 'Block games every night',
        followerCount: 5000,
        openLive: true,
        liveInfo: {
          ...required,
          channelImageUrl: 'https://img.example/c0ffee.png',
          liveImageUrl: 'https://img.example/live_480.jpg',
          tags: ['minecraft', 'game'],
          categoryType: 'GAME',
          liveCategory: 'Minecraft',
          liveCategoryValue: '마인크래프트',
          watchPartyNo: 42,
          watchPartyTag: 'watch party',
        },
      },
      expected: channel(
        live({ tags: ['minecraft', 'game'], category: '42' }),
        'https://img.example/c0ffee.png',
      ),
    },
  ];

  it('accepts each form the original accepted and normalizes it as a well-formed answer', () => {
    for (const { name, channel: raw, expected } of cases) {
      expect(normalizeChzzkChannel(ChzzkChannelRaw.parse(raw)), name).toEqual(expected);
      // The live searches answer the same live shape on its own.
      expect(normalizeChzzkLive(ChzzkLiveRaw.parse(raw.liveInfo)), name).toEqual(expected.liveInfo);
      // A channel asked without its live leaves liveInfo out or null.
      const { liveInfo: _, ...bare } = raw;
      for (const without of [bare, { ...bare, liveInfo: null }])
        expect(normalizeChzzkChannel(ChzzkChannelRaw.parse(without)), name).toEqual({
          ...expected,
          liveInfo: null,
        });
    }
  });
});

describe('soop raw answers', () => {
  // Field lists and optionality from rwiv/recflow src/platform/spec/raw/soop.ts (soopLiveInfo,
  // soopChannelInfo); counts coerced as its `nnint` in src/common/data/common.schema.ts.
  const required = {
    userId: 'soopy',
    userNick: 'Soopy',
    broadStart: '2025-04-30 19:30:00',
    broadNo: '281234567',
    broadTitle: 'cooking show',
    viewCnt: 120,
    adult: true,
    locked: false,
  };
  const live = (overrides: Partial<LiveInfo> = {}): LiveInfo => ({
    type: 'soop',
    channelUid: 'soopy',
    channelName: 'Soopy',
    liveUid: '281234567',
    liveTitle: 'cooking show',
    viewCnt: 120,
    isAdult: true,
    openDate: '2025-04-30 19:30:00',
    tags: [],
    category: null,
    ...overrides,
  });
  const channel = (liveInfo: LiveInfo | null, profileImgUrl: string | null = null): ChannelInfo => ({
    platform: 'soop',
    sourceId: 'soopy',
    username: 'Soopy',
    profileImgUrl,
    followerCnt: 3000,
    openLive: true,
    liveInfo,
  });
  const channelRequired = {
    userId: 'soopy',
    userNick: 'Soopy',
    fanCnt: 3000,
    broadStart: '2025-04-30 19:30:00',
    openLive: true,
  };
  const cases: Case[] = [
    {
      name: 'every optional field absent',
      channel: { ...channelRequired, liveInfo: { ...required } },
      expected: channel(live()),
    },
    {
      name: 'every optional field null',
      channel: {
        ...channelRequired,
        profileImageUrl: null,
        liveInfo: { ...required, broadCateNo: null, hashTags: null },
      },
      expected: channel(live()),
    },
    {
      name: 'counts as decimal strings',
      channel: {
        ...channelRequired,
        fanCnt: '3000',
        liveInfo: { ...required, viewCnt: '120', broadCateNo: '00040019' },
      },
      expected: channel(live({ category: '00040019' })),
    },
    {
      name: 'every field given',
      channel: {
        ...channelRequired,
        profileImageUrl: 'https://img.example/soopy.jpg',
        liveInfo: { ...required, broadCateNo: '7', hashTags: ['cook', 'food'] },
      },
      expected: channel(live({ tags: ['cook', 'food'], category: '7' }), 'https://img.example/soopy.jpg'),
    },
  ];

  it('accepts each form the original accepted and normalizes it as a well-formed answer', () => {
    for (const { name, channel: raw, expected } of cases) {
      expect(normalizeSoopChannel(SoopChannelRaw.parse(raw)), name).toEqual(expected);
      expect(normalizeSoopLive(SoopLiveRaw.parse(raw.liveInfo)), name).toEqual(expected.liveInfo);
      const { liveInfo: _, ...bare } = raw;
      for (const without of [bare, { ...bare, liveInfo: null }])
        expect(normalizeSoopChannel(SoopChannelRaw.parse(without)), name).toEqual({
          ...expected,
          liveInfo: null,
        });
    }
  });
});

describe('counts and numeric ids', () => {
  it('take a JSON number or plain decimal digits, and nothing else', () => {
    const chzzk = (concurrentUserCount: unknown) =>
      ChzzkLiveRaw.safeParse({
        channelId: 'c',
        channelName: 'C',
        liveId: 1,
        liveTitle: 't',
        concurrentUserCount,
        openDate: '2025-04-30 21:00:00',
        adult: false,
      }).success;
    expect([0, 17, '0', '17'].map(chzzk)).toEqual([true, true, true, true]);
    // A blank string is not zero, and a signed, fractional or padded one is not a count.
    expect(['', ' 17', '-1', '1.5', '1e3', '0x10', -1, 1.5, null, true].map(chzzk)).toEqual(
      Array(10).fill(false),
    );
  });

  it('take soop broadNo as the number the first schemas coerced it to, as its string', () => {
    // rwiv/recflow src/platform/spec/raw/soop.ts once declared broadNo as `nnint`, now as a string.
    const { broadNo } = SoopLiveRaw.parse({
      userId: 'soopy',
      userNick: 'Soopy',
      broadStart: '2025-04-30 19:30:00',
      broadNo: 281234567,
      broadTitle: 'cooking show',
      viewCnt: 0,
      adult: false,
      locked: false,
    });
    expect(broadNo).toBe('281234567');
  });
});
