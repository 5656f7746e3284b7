/**
 * The channel search against a plain reading of its rules: a fixed population of channels, tags,
 * grades and name metacharacters, and every filter combination compared row for row (order and
 * total) with a reference written in TypeScript. Guards the SQL's shortcuts: a tag-filtered page
 * ranked and counted from one include tag's links and their copies of the channel (sort keys, tag
 * set), that tag chosen by statistics, and the page's ids ranked before its rows are read.
 */
import { ChannelQuery, type ChannelQueryInput } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelQueryRepository } from '../../src/channel/channel-query.repository';
import { type Database, openPostgres } from '../../src/db/database';
import { channel, channelGrade, channelTag, channelTagMap, platform } from '../../src/db/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Model {
  id: string;
  platform: 'chzzk' | 'soop';
  sourceId: string;
  username: string;
  followerCnt: number;
  grade: string;
  isFollowed: boolean;
  createdAt: Date;
  updatedAt: Date;
  tags: Set<string>;
}

const TAGS = ['a', 'b', 'c', 'd', 'e'];
const NAMES = ['Alpha', 'alpha_b', 'ALPHAbet', 'Bravo%', 'a_b c', 'Charlie', 'back\\slash', 'delta'];
const BASE = Date.UTC(2026, 0, 1);

let testDb: TestDatabase;
let database: Database;
let repository: ChannelQueryRepository;
const models: Model[] = [];

/** Deterministic and varied: many ties in every sort key, every tag combination represented. */
async function seed() {
  const { db } = database;
  const platforms = Object.fromEntries((await db.select().from(platform)).map((p) => [p.name, p.id]));
  await db.insert(channelGrade).values([{ name: 'gold' }, { name: 'silver' }]);
  const grades = Object.fromEntries((await db.select().from(channelGrade)).map((g) => [g.name, g.id]));
  const tags = await db
    .insert(channelTag)
    .values(TAGS.map((name) => ({ name })))
    .returning();
  const tagId = Object.fromEntries(tags.map((t) => [t.name, t.id]));
  for (let i = 0; i < 96; i++) {
    const spec = {
      platform: i % 3 === 0 ? 'soop' : 'chzzk',
      sourceId: `src${i}`,
      username: `${NAMES[i % NAMES.length]}${i % 5}`,
      followerCnt: ((i * 7) % 6) * 100,
      grade: ['none', 'gold', 'silver'][i % 3 === 1 ? 1 : (i >> 2) % 3] as string,
      isFollowed: i % 4 === 0,
      createdAt: new Date(BASE + ((i * 13) % 5) * 60_000),
      updatedAt: new Date(BASE + ((i * 11) % 7) * 60_000),
      // Bit k of a scrambled index decides tag k: all 32 combinations occur three times.
      tags: new Set(TAGS.filter((_, k) => ((i * 37) % 32) & (1 << k))),
    } as const;
    const [row] = await db
      .insert(channel)
      .values({
        platformId: platforms[spec.platform]!,
        sourceId: spec.sourceId,
        username: spec.username,
        followerCnt: spec.followerCnt,
        gradeId: grades[spec.grade]!,
        isFollowed: spec.isFollowed,
        createdAt: spec.createdAt,
        updatedAt: spec.updatedAt,
      })
      .returning({ id: channel.id });
    if (spec.tags.size > 0) {
      await db
        .insert(channelTagMap)
        .values([...spec.tags].map((t) => ({ channelId: row!.id, tagId: tagId[t]! })));
    }
    models.push({ ...spec, id: row!.id, tags: new Set(spec.tags) });
  }
  // With statistics, a search with several include tags reads the rarest one's links.
  await db.execute(sql`analyze channel_tag_map`);
}

/** The rules, read plainly. */
function reference(input: ChannelQueryInput) {
  const q = ChannelQuery.parse(input);
  const matches = models.filter(
    (m) =>
      (q.it ?? []).every((t) => m.tags.has(t)) &&
      !(q.et ?? []).some((t) => m.tags.has(t)) &&
      (q.pf === undefined || m.platform === q.pf) &&
      (q.gr === undefined || m.grade === q.gr) &&
      (q.uid === undefined || m.sourceId === q.uid) &&
      (q.uname === undefined || m.username.toLowerCase().includes(q.uname.toLowerCase())) &&
      (q.followed === undefined || m.isFollowed === q.followed),
  );
  const key = (m: Model) => (q.st === 'followerCnt' ? m.followerCnt : m[q.st].getTime());
  matches.sort((x, y) => key(y) - key(x) || (y.id > x.id ? 1 : -1));
  const start = (q.p - 1) * q.s;
  return { total: matches.length, ids: matches.slice(start, start + q.s).map((m) => m.id) };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openPostgres(testDb.url, 4);
  repository = new ChannelQueryRepository({ database });
  await seed();
});
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const CASES: Array<[string, ChannelQueryInput]> = [
  ['no filter, newest first', {}],
  ['one include tag', { it: 'a' }],
  ['two include tags', { it: 'a,b', st: 'followerCnt' }],
  ['three include tags', { it: 'a,b,c', st: 'createdAt' }],
  ['include and exclude', { it: 'a,b', et: 'c', st: 'followerCnt' }],
  ['the same tags in another order', { it: 'b,a', et: 'c', st: 'followerCnt' }],
  ['include tags with an unknown one first', { it: 'zz,a,b' }],
  ['one include, two excludes', { it: 'b', et: 'a,e' }],
  ['exclude only', { et: 'a,b', st: 'followerCnt', s: 100 }],
  ['a repeated include tag', { it: 'a,a' }],
  ['an unknown include tag', { it: 'a,zz' }],
  ['an unknown exclude tag', { it: 'c', et: 'zz' }],
  ['tags and platform', { it: 'a', et: 'd', pf: 'soop', st: 'followerCnt' }],
  ['tags and grade', { it: 'b,c', gr: 'gold' }],
  ['tags and an unknown grade', { it: 'b', gr: 'bronze' }],
  ['tags and name', { it: 'a', uname: 'ALPHA' }],
  ['tags and uid', { it: 'd', uid: 'src11' }],
  ['tags and followed', { it: 'e', followed: 'true', st: 'followerCnt' }],
  ['a later page of tags', { it: 'a', et: 'b', st: 'followerCnt', p: 2, s: 5 }],
  ['a page past the end', { it: 'a,b', p: 9, s: 10 }],
  ['name with a literal %', { uname: 'o%' }],
  ['name with a literal _', { uname: 'a_b' }],
  ['name with a literal backslash', { uname: 'k\\s' }],
  ['platform and followed', { pf: 'chzzk', followed: 'false', st: 'createdAt', p: 3, s: 7 }],
];

describe('the channel search matches its rules', () => {
  it.each(CASES)('%s', async (_, input) => {
    const before = database.stats.statements;
    const result = await repository.search(ChannelQuery.parse(input));
    expect(database.stats.statements - before).toBe(2);
    expect({ total: result.total, ids: result.records.map((r) => r.channel.id) }).toEqual(reference(input));
  });
});

/**
 * Past 64 tags, tags share bits: a link's mask then says "maybe" and the tag set decides. Filler tags
 * are added until every bit is taken and a-e each share theirs, and channels get the filler that
 * shares a bit with a tag they lack, so every mask check meets false positives.
 */
describe('the channel search matches its rules when tags share bits', () => {
  beforeAll(async () => {
    const { db } = database;
    const fillers = Array.from({ length: 64 }, (_, i) => ({ name: `filler-${i}` }));
    // One by one, as an operator adds them: each takes the bit the fewest tags hold.
    for (const filler of fillers) await db.insert(channelTag).values(filler);
    const tags = await db.select().from(channelTag);
    const bitOf = Object.fromEntries(tags.map((t) => [t.name, t.bit]));
    expect(new Set(tags.map((t) => t.bit)).size).toBe(64);
    expect(TAGS.map((t) => bitOf[t])).toEqual([0, 1, 2, 3, 4]);
    const sharing = Object.fromEntries(
      TAGS.map((t) => [t, tags.find((x) => x.name.startsWith('filler-') && x.bit === bitOf[t])!]),
    );
    expect(Object.values(sharing).every(Boolean)).toBe(true);
    const links = models.flatMap((m, i) => {
      const lacking = TAGS[i % TAGS.length]!;
      if (m.tags.has(lacking)) return [];
      m.tags.add(sharing[lacking]!.name);
      return [{ channelId: m.id, tagId: sharing[lacking]!.id }];
    });
    expect(links.length).toBeGreaterThan(20);
    await db.insert(channelTagMap).values(links);
    await db.execute(sql`analyze channel_tag_map`);
  });

  it.each(CASES)('%s', async (_, input) => {
    const result = await repository.search(ChannelQuery.parse(input));
    expect({ total: result.total, ids: result.records.map((r) => r.channel.id) }).toEqual(reference(input));
  });

  it('a filler tag sharing a bit with an excluded one', async () => {
    const input = { it: 'filler-59', et: 'a', st: 'followerCnt' } as const;
    const result = await repository.search(ChannelQuery.parse(input));
    expect(result.total).toBeGreaterThan(0);
    expect({ total: result.total, ids: result.records.map((r) => r.channel.id) }).toEqual(reference(input));
  });
});
