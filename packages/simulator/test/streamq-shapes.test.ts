/**
 * The simulated streamq's answers, fetched over HTTP, against schemas written the way the ones
 * recflow was first written against are: required strings non-empty, optional strings non-empty
 * or null or absent, URL fields URLs, counts and ids coerced from decimal strings. The simulator
 * must pass them (it once sent `""` where they demand a non-empty string or null) and must still
 * vary each field over the forms they allow, so that recflow's own parsing meets all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Simulator, startSimulator } from '../src/index';

// Test-only mirror of the constraints in rwiv/recflow src/common/data/common.schema.ts.
const nonempty = z.string().min(1);
const nnint = z.coerce.number().int().nonnegative();
const url = z.string().url();

// Test-only mirror of rwiv/recflow src/platform/spec/raw/chzzk.ts.
const originalChzzkLive = z.object({
  channelId: nonempty,
  channelName: nonempty,
  channelImageUrl: url.nullable().optional(),
  liveId: nnint,
  liveTitle: nonempty,
  liveImageUrl: url.nullable().optional(),
  concurrentUserCount: nnint,
  openDate: nonempty,
  adult: z.boolean(),
  tags: z.array(nonempty).nullable().optional(),
  categoryType: nonempty.nullable().optional(),
  liveCategory: nonempty.nullable().optional(),
  liveCategoryValue: nonempty.nullable().optional(),
  watchPartyNo: nnint.nullable().optional(),
  watchPartyTag: nonempty.nullable().optional(),
});
const originalChzzkChannel = z.object({
  channelId: nonempty,
  channelName: nonempty,
  channelImageUrl: url.nullable().optional(),
  channelDescription: nonempty.nullable().optional(),
  followerCount: nnint,
  openLive: z.boolean(),
  liveInfo: originalChzzkLive.nullable().optional(),
});

// Test-only mirror of rwiv/recflow src/platform/spec/raw/soop.ts.
const originalSoopLive = z.object({
  userId: nonempty,
  userNick: nonempty,
  broadStart: nonempty,
  broadNo: nonempty,
  broadTitle: nonempty,
  broadCateNo: nonempty.nullable().optional(),
  viewCnt: nnint,
  hashTags: z.array(nonempty).nullable().optional(),
  adult: z.boolean(),
  locked: z.boolean(),
});
const originalSoopChannel = z.object({
  userId: nonempty,
  userNick: nonempty,
  profileImageUrl: url.nullable().optional(),
  fanCnt: nnint,
  broadStart: nonempty,
  openLive: z.boolean(),
  liveInfo: originalSoopLive.nullable().optional(),
});

type Json = Record<string, unknown>;

let sim: Simulator;
const CHANNELS = 24;

beforeAll(async () => {
  sim = await startSimulator();
  for (const platform of ['chzzk', 'soop'] as const) {
    for (let i = 0; i < CHANNELS; i++) {
      const sourceId = `${platform}-shape-${i}`;
      sim.world.addChannel({
        platform,
        sourceId,
        username: `Shape ${i}`,
        profileImgUrl: i % 3 === 0 ? `https://img.example/${sourceId}.png` : null,
        followerCnt: i * 37,
      });
      // Two thirds go on air; half of those with tags, a category and viewers, half with none.
      if (i % 3 !== 2)
        sim.world.startLive(
          platform,
          sourceId,
          i % 2 === 0 ? { title: `shape show ${i}`, viewers: i * 11, tags: ['shape'], category: 40 + i } : {},
        );
    }
  }
});
afterAll(() => sim?.close());

async function get(path: string): Promise<unknown> {
  const res = await fetch(`${sim.url}${path}`);
  expect(res.status, path).toBe(200);
  return res.json();
}

/** Every answer the routes give for the platform: each channel with and without its live, and every search. */
async function answers(platform: 'chzzk' | 'soop') {
  const channels: Json[] = [];
  for (let i = 0; i < CHANNELS; i++)
    for (const query of ['', '?hasLiveInfo=true'])
      channels.push((await get(`/api/${platform}/channels/v1/${platform}-shape-${i}${query}`)) as Json);
  const searches = [
    `/api/${platform}/lives/v1/tag?tag=shape`,
    `/api/${platform}/lives/v1/keyword?keyword=live`,
    platform === 'chzzk'
      ? '/api/chzzk/lives/v1/watchparty?watchPartyNo=40'
      : '/api/soop/lives/v1/category?cateNo=40',
  ];
  const lives: Json[] = [];
  for (const path of searches) lives.push(...((await get(path)) as Json[]));
  lives.push(...channels.flatMap((c) => (c.liveInfo ? [c.liveInfo as Json] : [])));
  return { channels, lives };
}

/** The paths of every empty string in the answer. */
function emptyStrings(value: unknown, path = '$'): string[] {
  if (value === '') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyStrings(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => emptyStrings(v, `${path}.${k}`));
  return [];
}

/** How the field arrived across the answers: given as a number or string, null, or absent. */
function formsOf(objects: Json[], field: string): Set<string> {
  return new Set(
    objects.map((o) => (!(field in o) ? 'absent' : o[field] === null ? 'null' : typeof o[field])),
  );
}

describe('simulated streamq answers', () => {
  it('chzzk: pass the original chzzk schemas and vary every optional field and count', async () => {
    const { channels, lives } = await answers('chzzk');
    expect(lives.length).toBeGreaterThan(CHANNELS / 2);
    for (const channel of channels) originalChzzkChannel.parse(channel);
    for (const live of lives) originalChzzkLive.parse(live);
    expect([...channels, ...lives].flatMap((a) => emptyStrings(a))).toEqual([]);

    expect(formsOf(channels, 'channelDescription')).toEqual(new Set(['string', 'null', 'absent']));
    expect(formsOf(channels, 'channelImageUrl')).toEqual(new Set(['string', 'null', 'absent']));
    expect(formsOf(channels, 'followerCount')).toEqual(new Set(['number', 'string']));
    expect(formsOf(channels, 'liveInfo')).toEqual(new Set(['object', 'null', 'absent']));
    expect(formsOf(lives, 'liveId')).toEqual(new Set(['number', 'string']));
    expect(formsOf(lives, 'concurrentUserCount')).toEqual(new Set(['number', 'string']));
    expect(formsOf(lives, 'watchPartyNo')).toEqual(new Set(['number', 'string', 'null', 'absent']));
    for (const field of ['liveImageUrl', 'categoryType', 'watchPartyTag'])
      expect(formsOf(lives, field), field).toEqual(new Set(['string', 'null', 'absent']));
    expect(formsOf(lives, 'tags')).toEqual(new Set(['object', 'null', 'absent']));
  });

  it('soop: pass the original soop schemas and vary every optional field and count', async () => {
    const { channels, lives } = await answers('soop');
    expect(lives.length).toBeGreaterThan(CHANNELS / 2);
    for (const channel of channels) originalSoopChannel.parse(channel);
    for (const live of lives) originalSoopLive.parse(live);
    expect([...channels, ...lives].flatMap((a) => emptyStrings(a))).toEqual([]);

    expect(formsOf(channels, 'profileImageUrl')).toEqual(new Set(['string', 'null', 'absent']));
    expect(formsOf(channels, 'fanCnt')).toEqual(new Set(['number', 'string']));
    // Offline channels too name a latest broadcast start, which the original requires.
    expect(formsOf(channels, 'broadStart')).toEqual(new Set(['string']));
    expect(formsOf(channels, 'liveInfo')).toEqual(new Set(['object', 'null', 'absent']));
    // The original takes soop's live id and category number only as strings.
    expect(formsOf(lives, 'broadNo')).toEqual(new Set(['string']));
    expect(formsOf(lives, 'broadCateNo')).toEqual(new Set(['string', 'null', 'absent']));
    expect(formsOf(lives, 'viewCnt')).toEqual(new Set(['number', 'string']));
    expect(formsOf(lives, 'hashTags')).toEqual(new Set(['object', 'null', 'absent']));
  });

  it('give the same answer for the same channel every time', async () => {
    for (const platform of ['chzzk', 'soop'] as const) {
      const path = `/api/${platform}/channels/v1/${platform}-shape-4?hasLiveInfo=true`;
      expect(await get(path)).toEqual(await get(path));
    }
  });
});
