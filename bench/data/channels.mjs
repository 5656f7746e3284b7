/**
 * A channel catalogue shaped like production, generated in PostgreSQL with set-based SQL:
 * - 60 % chzzk (32-hex ids) and 40 % soop (short ids), romanised Korean user names of three
 *   syllables, follower counts log-uniform up to ~2 M, five grades with most channels on the default;
 * - 50 tags in 10 genres of 5, genres skewed in popularity (from ~32 % of channels down to ~5 %);
 *   a channel takes three distinct tags of its genre, and 30 % of channels swap the third for a tag
 *   of any genre. Tags of one genre therefore co-occur the way real ones do ("fps" with "rpg"),
 *   which gives tag intersections a realistic size.
 * Deterministic for a given seed.
 */

/** Genres in descending popularity, five tags each; a tag's position is genre * 5 + slot. */
export const TAG_GENRES = [
  ['fps', 'rpg', 'moba', 'strategy', 'indie'],
  ['singing', 'guitar', 'piano', 'kpop', 'dj'],
  ['chatting', 'radio', 'news', 'debate', 'qna'],
  ['drawing', 'illustration', 'animation', 'design', 'crafts'],
  ['football', 'baseball', 'esports', 'fitness', 'golf'],
  ['cooking', 'mukbang', 'baking', 'drinks', 'restaurant'],
  ['outdoor', 'camping', 'vlog', 'city', 'fishing'],
  ['study-with-me', 'language', 'coding', 'exam', 'reading'],
  ['hardware', 'science', 'review', 'maker', 'ai'],
  ['asmr', 'sleep', 'meditation', 'nature', 'pets'],
];

export const SYLLABLES = (
  'min ji woo seo hyun jun soo yeon ha eun na ra do yun jae hee sung ho kyung young ' +
  'chan bin hye joo won tae gyu sol ah in se ye da hun rin mi jin su bo kang'
).split(' ');

/** The default grade comes from the migrations; these four make five. */
const EXTRA_GRADES = [
  ['main', 1, 10, true, true],
  ['sub', 2, 20, true, false],
  ['vip', 0, 5, true, true],
  ['ignore', 3, 200, false, false],
];

/** Grades from the most to the least common: the first takes ~60 % of the channels, the last ~7 %. */
const GRADES_BY_SHARE = ['none', 'sub', 'main', 'ignore', 'vip'];

const INSERT_CHANNELS = `
with g as materialized (
  select n,
         n % 5 < 3 as chzzk,
         initcap(syl[1 + floor(random() * ns)::int]) || initcap(syl[1 + floor(random() * ns)::int])
           || initcap(syl[1 + floor(random() * ns)::int])
           || case when random() < 0.3 then '_' || floor(random() * 100)::int else '' end as username,
         floor(power(10, random() * 6.3))::int - 1 as follower_cnt,
         grades[1 + floor(5 * power(random(), 3))::int] as grade_id,
         random() < 0.02 as is_followed,
         now() - random() * interval '1095 days' as created_at
  from generate_series(1, $1::int) n,
       (select $2::text[] as syl, array_length($2::text[], 1) as ns) s,
       (select array_agg(id order by array_position($3::text[], name)) as grades from channel_grade) gr
)
insert into channel (platform_id, source_id, username, profile_img_url, follower_cnt, grade_id,
                     is_followed, created_at, updated_at, last_refreshed_at)
select p.id, s.source_id, g.username, 'https://profile.example/' || s.source_id || '.png', g.follower_cnt,
       g.grade_id, g.is_followed, g.created_at, g.created_at + random() * (now() - g.created_at),
       now() - random() * interval '1 day'
from g
cross join lateral (
  select case when g.chzzk then md5('chzzk' || g.n)
              else 'st' || to_hex((g.n::bigint * 2654435761) % 4294967296) end as source_id
) s
join platform p on p.name = case when g.chzzk then 'chzzk'::platform_name else 'soop'::platform_name end`;

/**
 * Each link carries its channel's sort keys and whole tag set, as the triggers of migration 0010
 * write them (they are off during the load, see seedChannels): tag ids sorted, one array per channel.
 */
const INSERT_TAG_MAP = `
with pick as materialized (
  select id, follower_cnt, updated_at, created_at,
         floor(10 * power(random(), 2))::int as genre, floor(random() * 5)::int as start,
         1 + floor(random() * 4)::int as step,
         case when random() < 0.3 then floor(random() * 50)::int end as stray
  from channel
),
tags as (
  select array_agg(ct.id order by t.pos) as ids, array_agg(ct.bit order by t.pos) as bits
  from unnest($1::text[]) with ordinality t(name, pos) join channel_tag ct on ct.name = t.name
),
sets as (
  select pick.*, s.tag_ids, s.tag_bits
  from pick cross join tags
  cross join lateral (
    select array_agg(distinct tags.ids[p]) as tag_ids, bit_or(1::bigint << tags.bits[p]) as tag_bits
    from generate_series(0, 2) k
    cross join lateral (
      select 1 + case when k = 2 and stray is not null then stray else genre * 5 + (start + k * step) % 5 end as p
    ) pos
  ) s
)
insert into channel_tag_map (channel_id, tag_id, channel_tag_ids, channel_tag_bits, channel_follower_cnt,
                             channel_updated_at, channel_created_at)
select sets.id, t.tag_id, sets.tag_ids, sets.tag_bits, sets.follower_cnt, sets.updated_at, sets.created_at
from sets cross join unnest(sets.tag_ids) t(tag_id)`;

const SECONDARY_INDEXES = `
select i.relname as name, pg_get_indexdef(i.oid) as def
from pg_index x
join pg_class i on i.oid = x.indexrelid
join pg_class t on t.oid = x.indrelid
where t.relname = any($1::text[])
  and not exists (select 1 from pg_constraint c where c.conindid = i.oid and c.conrelid = t.oid)`;

/** The tag links' primary key: nothing references it, so it can be rebuilt after the load too. */
const LINK_PRIMARY_KEY = `
select conname as name, pg_get_constraintdef(oid) as def
from pg_constraint where conrelid = 'channel_tag_map'::regclass and contype = 'p'`;

/**
 * Seeds `channels` channels on `client` (one connection: the session settings below must hold).
 * Loads with the secondary indexes and the tag links' primary key dropped and rebuilds them from
 * their own definitions afterwards, which is several times faster than maintaining a trigram GIN or
 * a random-order uuid key row by row, and leaves the same schema.
 * Triggers are off for the load (replica role), so the tag links are written complete by the seed.
 */
export async function seedChannels(client, { channels, seed = 0.42, log = () => undefined }) {
  // The rows are generated from the referenced tables, so foreign-key triggers would only re-check
  // them, and the tag links are written with their channel's copy, which the link triggers would redo.
  await client.query('set session_replication_role = replica');
  await client.query("set work_mem = '256MB'");
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query('set synchronous_commit = off');
  await client.query('select setseed($1)', [seed]);

  for (const [name, tier, seq, save, notify] of EXTRA_GRADES) {
    await client.query(
      'insert into channel_grade (name, tier, seq, should_save, should_notify) values ($1, $2, $3, $4, $5)',
      [name, tier, seq, save, notify],
    );
  }
  const tagNames = TAG_GENRES.flat();
  // With triggers off, the tags' bits are given here as migration 0011's trigger would choose them.
  await client.query(
    'insert into channel_tag (name, bit) select name, (pos - 1) % 64 from unnest($1::text[]) with ordinality t(name, pos)',
    [tagNames],
  );

  const { rows: indexes } = await client.query(SECONDARY_INDEXES, [['channel', 'channel_tag_map']]);
  for (const index of indexes) await client.query(`drop index "${index.name}"`);
  const { rows: keys } = await client.query(LINK_PRIMARY_KEY);
  for (const key of keys) await client.query(`alter table channel_tag_map drop constraint "${key.name}"`);

  log(`inserting ${channels.toLocaleString('en')} channels`);
  await client.query(INSERT_CHANNELS, [channels, SYLLABLES, GRADES_BY_SHARE]);
  log('attaching tags');
  const { rowCount: tagLinks } = await client.query(INSERT_TAG_MAP, [tagNames]);
  log(`rebuilding ${indexes.length + keys.length} indexes`);
  for (const key of keys) {
    await client.query(`alter table channel_tag_map add constraint "${key.name}" ${key.def}`);
  }
  for (const index of indexes) await client.query(index.def);
  await client.query('reset session_replication_role');
  return { channels, tags: tagNames.length, tagLinks, grades: EXTRA_GRADES.length + 1 };
}
