/** Deterministic fake channel populations for the demo and the benchmarks. */
import type { PlatformName } from '@recflow/contracts';
import type { NewChannel, World } from './world';

const SYLLABLES = [
  'ka',
  'mi',
  'ro',
  'na',
  'zu',
  'te',
  'po',
  'ri',
  'sa',
  'do',
  'ne',
  'yu',
  'ha',
  'jin',
  'seo',
  'min',
];

/** A small seeded PRNG (mulberry32) so populations repeat run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateChannels(count: number, seed = 42): NewChannel[] {
  const random = prng(seed);
  const channels: NewChannel[] = [];
  for (let i = 0; i < count; i++) {
    const platform: PlatformName = i % 2 === 0 ? 'chzzk' : 'soop';
    const name = Array.from(
      { length: 2 + Math.floor(random() * 2) },
      () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
    ).join('');
    channels.push({
      platform,
      sourceId: platform === 'chzzk' ? `c${(i + 1).toString(16).padStart(31, '0')}` : `soop${i + 1}`,
      username: `${name.charAt(0).toUpperCase()}${name.slice(1)}${i % 7 === 0 ? '_tv' : ''}`,
      profileImgUrl: null,
      followerCnt: Math.floor(random() ** 3 * 500_000),
    });
  }
  return channels;
}

const TITLE_WORDS = [
  'talk',
  'game',
  'music',
  'ranked',
  'chill',
  'event',
  'morning',
  'late night',
  'collab',
  'review',
];
const TAGS = ['tag1', 'tag2', 'tag3', 'tag4', 'tag5', 'tag6', 'tag7', 'tag8', 'tag9'];

/** Puts the first `count` channels on air with repeatable titles, viewers and tags. */
export function startLives(world: World, count: number, seed = 7): number {
  const random = prng(seed);
  const channels = world.allChannels().slice(0, count);
  for (const channel of channels) {
    const word = () => TITLE_WORDS[Math.floor(random() * TITLE_WORDS.length)]!;
    world.startLive(channel.platform, channel.sourceId, {
      title: `${word()} ${word()} with ${channel.username}`,
      viewers: Math.floor(random() ** 4 * 50_000),
      tags: TAGS.filter(() => random() < 0.2),
      adult: random() < 0.05,
    });
  }
  return channels.length;
}
