/** Deterministic fake channel populations for the demo and the benchmarks. */
import type { PlatformName } from '@recflow/contracts';
import type { NewChannel } from './world';

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
