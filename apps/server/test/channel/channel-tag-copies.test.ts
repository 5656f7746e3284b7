/**
 * Each tag link carries a copy of its channel's sort keys and whole tag set (as ids and as a mask of
 * the tags' bits), which the tag-filtered channel query reads instead of the channel (migrations
 * 0010 and 0011). The copy must equal the channel after
 * every write, whichever path made it: the API, the import, the background refresh, concurrent
 * attaches, and statements written by hand.
 */
import { api, type ChannelDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelRefresher } from '../../src/channel/channel-refresher';
import { addChannel, uniqueId } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ STREAMQ_URL: sim.url, CHANNEL_REFRESH_BATCH_SIZE: 500 });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

/** Rows of a hand-written statement (the test database is PostgreSQL: node-postgres results). */
async function rowsOf<T>(query: SQL): Promise<T[]> {
  return ((await app.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Links whose copy differs from their channel, and how many links there are in all. */
async function staleCopies() {
  const stale = await rowsOf<{ channel_id: string; tag_id: string }>(sql`
    select m.channel_id, m.tag_id
    from channel_tag_map m join channel c on c.id = m.channel_id
    where m.channel_follower_cnt <> c.follower_cnt
       or m.channel_updated_at <> c.updated_at
       or m.channel_created_at <> c.created_at
       or m.channel_tag_ids <> (select array_agg(x.tag_id order by x.tag_id)
                                from channel_tag_map x where x.channel_id = m.channel_id)
       or m.channel_tag_bits <> (select bit_or(1::bigint << t.bit)
                                 from channel_tag_map x join channel_tag t on t.id = x.tag_id
                                 where x.channel_id = m.channel_id)`);
  const [links] = await rowsOf<{ n: number }>(sql`select count(*)::int as n from channel_tag_map`);
  return { stale, links: links!.n };
}

async function expectCopiesEqualChannels(minLinks: number) {
  const { stale, links } = await staleCopies();
  expect(links).toBeGreaterThanOrEqual(minLinks);
  expect(stale).toEqual([]);
}

async function tagsOf(channelId: string): Promise<string[]> {
  const rows = await rowsOf<{ tags: string[] }>(sql`
    select coalesce(array_agg(distinct t) filter (where t is not null), '{}') as tags
    from channel_tag_map m cross join unnest(m.channel_tag_ids) t where m.channel_id = ${channelId}`);
  return rows[0]!.tags;
}

async function byFollowers(tag: string) {
  const page = await app.api.ok(api.channels.query, {
    query: { it: tag, st: 'followerCnt', s: 100 } as never,
  });
  return page.channels.map((c) => c.id);
}

describe("a tag link's copy of its channel", () => {
  let first: ChannelDto;
  let second: ChannelDto;

  it('is written when a channel is created with tags', async () => {
    first = await addChannel(app.api, sim, { followerCnt: 10, tagNames: ['copy-a', 'copy-b', 'copy-c'] });
    second = await addChannel(app.api, sim, { followerCnt: 20, tagNames: ['copy-a'] });
    await expectCopiesEqualChannels(4);
    expect(await byFollowers('copy-a')).toEqual([second.id, first.id]);
  });

  it('follows attaches and detaches, on every link of the channel', async () => {
    const tag = await app.api.ok(api.tags.attach, { body: { channelId: second.id, tagName: 'copy-d' } });
    await expectCopiesEqualChannels(5);
    expect((await tagsOf(second.id)).length).toBe(2);
    await app.api.ok(api.tags.detach, { body: { channelId: second.id, tagId: tag.id } });
    await expectCopiesEqualChannels(4);
    expect((await tagsOf(second.id)).length).toBe(1);
  });

  it('follows user edits (updated_at) and the background refresh (followers)', async () => {
    await app.api.ok(api.channels.update, { params: { id: first.id }, body: { description: 'edited' } });
    await expectCopiesEqualChannels(4);
    sim.world.updateChannel('chzzk', first.sourceId, { followerCnt: 30 });
    await app.app.get(ChannelRefresher).refreshBatch();
    await expectCopiesEqualChannels(4);
    expect(await byFollowers('copy-a')).toEqual([first.id, second.id]);
  });

  it('is written by the bulk import', async () => {
    const sourceId = uniqueId('imp');
    sim.world.addChannel({ platform: 'chzzk', sourceId, username: 'Imported', followerCnt: 5 });
    const csv = (tags: string) =>
      `platform,sourceId,grade,tags,followed,description\nchzzk,${sourceId},,${tags},,`;
    await app.api.ok(api.channels.import, { body: { csv: csv('copy-a|copy-e') } });
    // A re-import attaches the tags the channel lacks.
    await app.api.ok(api.channels.import, { body: { csv: csv('copy-a|copy-f') } });
    await expectCopiesEqualChannels(7);
    expect(await byFollowers('copy-e')).toHaveLength(1);
  });

  it('stays complete when many tags are attached to one channel at once', async () => {
    const target = await addChannel(app.api, sim, { tagNames: ['copy-a'] });
    const names = Array.from({ length: 12 }, (_, i) => `copy-race-${i}`);
    await Promise.all(
      names.map((tagName) => app.api.ok(api.tags.attach, { body: { channelId: target.id, tagName } })),
    );
    await expectCopiesEqualChannels(20);
    expect((await tagsOf(target.id)).length).toBe(13);
    const page = await app.api.ok(api.channels.query, {
      query: { it: 'copy-race-0,copy-race-11,copy-a' } as never,
    });
    expect(page.channels.map((c) => c.id)).toEqual([target.id]);
  });

  it('follows statements written by hand, many rows at once', async () => {
    await app.database.db.execute(
      sql`update channel set follower_cnt = follower_cnt + 7, created_at = created_at - interval '1 day'`,
    );
    await app.database.db.execute(sql`
      insert into channel_tag_map (channel_id, tag_id)
      select c.id, t.id from channel c cross join channel_tag t where t.name = 'copy-b'
      on conflict do nothing`);
    await expectCopiesEqualChannels(23);
    await app.database.db.execute(sql`
      delete from channel_tag_map where tag_id = (select id from channel_tag where name = 'copy-a')`);
    await expectCopiesEqualChannels(19);
  });

  it('goes with the channel when the channel is deleted', async () => {
    await app.api.ok(api.channels.remove, { params: { id: second.id } });
    expect(await rowsOf(sql`select 1 from channel_tag_map where channel_id = ${second.id}`)).toEqual([]);
    await expectCopiesEqualChannels(17);
  });
});

describe("a tag's bit in the links' masks", () => {
  const bits = () =>
    rowsOf<{ name: string; bit: number }>(sql`select name, bit from channel_tag order by name`);

  it('is the bit the fewest tags hold, a deleted tag freeing its own', async () => {
    const before = await bits();
    expect(new Set(before.map((t) => t.bit)).size).toBe(before.length);
    const created = await app.api.ok(api.tags.create, { body: { name: 'copy-bit-new' } });
    const bitOf = async (name: string) => (await bits()).find((t) => t.name === name)!.bit;
    const taken = await bitOf('copy-bit-new');
    expect(before.map((t) => t.bit)).not.toContain(taken);

    await app.api.ok(api.tags.remove, { params: { id: created.id } });
    await app.api.ok(api.tags.create, { body: { name: 'copy-bit-again' } });
    expect(await bitOf('copy-bit-again')).toBe(taken);
  });

  it('cannot be changed by hand, so that no mask is left lying', async () => {
    await app.database.db.execute(sql`update channel_tag set bit = bit + 1 where name = 'copy-b'`);
    await expectCopiesEqualChannels(17);
  });
});
