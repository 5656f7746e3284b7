import { api, type ChannelDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChannel } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
const ids: Record<string, ChannelDto> = {};

// A fixed population: tags a..d, two platforms, names with LIKE metacharacters.
const POPULATION = [
  { key: 'ab', platform: 'chzzk', username: 'Alpha_Bravo', followerCnt: 500, tagNames: ['a', 'b'] },
  { key: 'abc', platform: 'chzzk', username: 'alpha charlie', followerCnt: 400, tagNames: ['a', 'b', 'c'] },
  { key: 'a', platform: 'soop', username: 'ALPHAonly', followerCnt: 300, tagNames: ['a'] },
  { key: 'bd', platform: 'soop', username: 'Bravo%Delta', followerCnt: 300, tagNames: ['b', 'd'] },
  { key: 'none', platform: 'chzzk', username: 'Plain', followerCnt: 100, tagNames: [] },
  { key: 'abd', platform: 'soop', username: 'Delta AB', followerCnt: 50, tagNames: ['a', 'b', 'd'] },
] as const;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ STREAMQ_URL: sim.url });
  for (const spec of POPULATION) {
    ids[spec.key] = await addChannel(app.api, sim, { ...spec, tagNames: [...spec.tagNames] });
  }
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

const keysOf = (channels: ChannelDto[]) =>
  channels.map((c) => Object.entries(ids).find(([, v]) => v.id === c.id)?.[0]);

async function query(q: Record<string, string | number | boolean>) {
  return app.api.ok(api.channels.query, { query: { st: 'followerCnt', ...q } as never });
}

describe('the channel query', () => {
  it('keeps channels carrying every include tag and none of the exclude tags', async () => {
    const page = await query({ it: 'a,b', et: 'd' });
    expect(keysOf(page.channels)).toEqual(['ab', 'abc']);
    expect(page.total).toBe(2);
  });

  it('answers an empty page when an include tag does not exist', async () => {
    const page = await query({ it: 'a,no-such-tag' });
    expect(page).toMatchObject({ total: 0, channels: [] });
  });

  it('ignores an unknown exclude tag', async () => {
    expect((await query({ et: 'no-such-tag' })).total).toBe(POPULATION.length);
  });

  it('rejects a tag that is both included and excluded', async () => {
    const answer = await app.api.raw('GET', '/api/channels?it=a&et=a');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ field: 'query.et' }] });
  });

  it('sorts by followers with id as tie-break, so equal counts page stably', async () => {
    const all = await query({ s: 100 });
    expect(all.channels.map((c) => c.followerCnt)).toEqual([500, 400, 300, 300, 100, 50]);
    const [first, second] = [all.channels[2]!, all.channels[3]!];
    expect(first.id > second.id).toBe(true);
    const page2 = await query({ s: 2, p: 2 });
    expect(page2.channels.map((c) => c.id)).toEqual([first.id, second.id]);
    expect(page2).toMatchObject({ total: POPULATION.length, page: 2, size: 2 });
  });

  it('searches names case-insensitively and literally, with paging and platform', async () => {
    expect(keysOf((await query({ uname: 'ALPHA' })).channels)).toEqual(['ab', 'abc', 'a']);
    expect(keysOf((await query({ uname: 'alpha', pf: 'soop' })).channels)).toEqual(['a']);
    // `%` and `_` match themselves, not any character.
    expect(keysOf((await query({ uname: 'o%d' })).channels)).toEqual(['bd']);
    expect(keysOf((await query({ uname: 'a_b' })).channels)).toEqual(['ab']);
    const paged = await query({ uname: 'alpha', s: 1, p: 2 });
    expect(paged.total).toBe(3);
    expect(keysOf(paged.channels)).toEqual(['abc']);
  });

  it('finds a channel by its platform id, honouring the platform filter', async () => {
    const target = ids.bd!;
    expect(keysOf((await query({ uid: target.sourceId })).channels)).toEqual(['bd']);
    expect((await query({ uid: target.sourceId, pf: 'chzzk' })).total).toBe(0);
  });

  it('filters by platform and grade', async () => {
    expect((await query({ pf: 'soop' })).total).toBe(3);
    expect((await query({ gr: 'none' })).total).toBe(POPULATION.length);
    expect((await query({ gr: 'no-such-grade' })).total).toBe(0);
  });

  it('includes tags only when asked', async () => {
    const without = await query({ uid: ids.abc!.sourceId });
    expect(without.channels[0]!.tags).toBeUndefined();
    const withTags = await query({ uid: ids.abc!.sourceId, wt: true });
    expect(withTags.channels[0]!.tags?.map((t) => t.name)).toEqual(['a', 'b', 'c']);
  });

  it('bounds the page size and validates paging', async () => {
    for (const qs of ['s=101', 's=0', 'p=0', 'p=x', 'st=name', 'pf=twitch']) {
      const answer = await app.api.raw('GET', `/api/channels?${qs}`);
      expect(answer.status, qs).toBe(400);
    }
  });

  it('issues exactly two statements per page (the page and its total), whatever the filters', async () => {
    const queries: Array<Record<string, string | boolean>> = [
      {},
      { it: 'a,b', et: 'd', wt: true },
      { uname: 'al', pf: 'chzzk' },
      { uid: 'x', gr: 'none' },
    ];
    for (const q of queries) {
      const before = app.database.stats.statements;
      await query(q);
      expect(app.database.stats.statements - before).toBe(2);
    }
  });
});
