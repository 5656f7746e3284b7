/**
 * The channel search (`GET /api/channels`) on a million channels, through the server's own
 * ChannelQueryRepository: latency of four query classes, SQL statements per search, and the plans
 * PostgreSQL chose for them. Then what the tag links' copies of their channel cost the writes that
 * maintain them: refresh batches, tag attach and detach, and imports, through the server's own
 * repositories.
 */

import { SYLLABLES, seedChannels, TAG_GENRES } from '../data/channels.mjs';
import { measureWrites } from '../lib/channel-writes.mjs';
import { connect, freshDatabase } from '../lib/postgres.mjs';
import { serverDependency, serverModule } from '../lib/server.mjs';
import { summarize, timed, timeRuns } from '../lib/stats.mjs';

const DATABASE = 'recflow_bench_channels';
const CHANNELS = 1_000_000;
const WARMUP = 20;
const RUNS = 200;
const TARGET_P95_MS = 20;
const SEED_TARGET_MS = 120_000;

const fmt = (n) => n.toLocaleString('en');
const range = (values) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
const seconds = (ms) => (ms / 1000).toFixed(1);

/**
 * Include two tags of a mid-popularity genre and exclude a third of it, so that every variant
 * matches 10-15 thousand channels: page 500 (rows 9,981-10,000) exists for all of them.
 */
function tagVariants() {
  return TAG_GENRES.slice(3, 8).flatMap((genre) => [
    { it: `${genre[0]},${genre[1]}`, et: genre[2] },
    { it: `${genre[3]},${genre[2]}`, et: genre[4] },
  ]);
}

/**
 * A tag of the most popular genre (~180 thousand links) with one of the two least popular (~35
 * thousand), half of them given popular first: the work should be that of the rare tag either way.
 */
function skewedTagVariants() {
  return TAG_GENRES[0].flatMap((popular, i) => {
    const rare = TAG_GENRES[8 + (i % 2)][i];
    return [{ it: `${popular},${rare}` }, { it: `${rare},${popular}` }];
  });
}

/** Two-syllable fragments in mixed case: each matches ~0.1-0.3 % of names, some of them mid-name. */
function nameVariants() {
  return Array.from({ length: 10 }, (_, i) => {
    const a = SYLLABLES[(i * 7) % SYLLABLES.length];
    const b = SYLLABLES[(i * 13 + 5) % SYLLABLES.length];
    const fragment = `${a}${b[0].toUpperCase()}${b.slice(1)}`;
    return { uname: i % 2 === 0 ? fragment : fragment.toUpperCase() };
  });
}

async function queryClasses(client) {
  const tags = tagVariants();
  const { rows } = await client.query(
    'select source_id from channel tablesample bernoulli (0.01) repeatable (7) order by source_id limit 50',
  );
  const byFollowers = '2 include + 1 exclude tags, by followers';
  return [
    { key: 'a', name: `${byFollowers}, page 1`, inputs: tags.map((t) => ({ ...t, st: 'followerCnt' })) },
    {
      key: 'b',
      name: `${byFollowers}, page 500`,
      inputs: tags.map((t) => ({ ...t, st: 'followerCnt', p: '500' })),
    },
    { key: 'c', name: 'name substring (uname)', inputs: nameVariants() },
    { key: 'd', name: 'exact uid', inputs: rows.map((r) => ({ uid: r.source_id })), singleRow: true },
    {
      key: 'e',
      name: 'a popular and a rare include tag, by followers, page 1',
      inputs: skewedTagVariants().map((t) => ({ ...t, st: 'followerCnt' })),
    },
  ];
}

/** Latency and statement count of one class, cycling through its variants. */
async function measure(server, database, cls) {
  const repository = new server.ChannelQueryRepository({ database });
  const queries = cls.inputs.map((input) => server.ChannelQuery.parse(input));
  const statements = new Set();
  const totals = [];
  let shortPages = 0;
  const samples = await timeRuns(
    async (i) => {
      const query = queries[i % queries.length];
      const before = database.stats.statements;
      const result = await repository.search(query);
      statements.add(database.stats.statements - before);
      totals.push(result.total);
      if (result.records.length < query.s) shortPages++;
    },
    { warmup: WARMUP, runs: RUNS },
  );
  return { samples, statements: [...statements], totals, shortPages };
}

/**
 * A Drizzle instance over the same schema whose logger keeps the SQL, so the plans shown are those
 * of the exact statements the repository sends.
 */
function recordingHandle(url) {
  const { Pool } = serverDependency('pg');
  const { drizzle } = serverDependency('drizzle-orm/node-postgres');
  const schema = serverModule('db/schema/index.js');
  const statements = [];
  const pool = new Pool({ connectionString: url, max: 2 });
  const logger = { logQuery: (sql, params) => statements.push({ sql, params }) };
  const db = drizzle({ client: pool, schema, casing: 'snake_case', logger });
  return { handle: { database: { db } }, statements, close: () => pool.end() };
}

async function plansOf(server, url, client, cls) {
  const recording = recordingHandle(url);
  try {
    const query = server.ChannelQuery.parse(cls.inputs[0]);
    await new server.ChannelQueryRepository(recording.handle).search(query);
    const plans = [];
    for (const { sql, params } of recording.statements) {
      const kind = /\bcount\(/i.test(sql) ? 'total' : 'page';
      const { rows } = await client.query(`explain (analyze, buffers) ${sql}`, params);
      plans.push({ kind, sql, params, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
    }
    return plans;
  } finally {
    await recording.close();
  }
}

/** The relations a plan reads and how, in one line: what a reviewer looks for first. */
function accessPaths(plan) {
  const indexes = [
    ...plan.matchAll(/(Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/g),
  ];
  const seqScans = [...plan.matchAll(/Seq Scan on (\S+)/g)];
  const unique = (items) => [...new Set(items)].join(', ');
  const parts = [`indexes: ${unique(indexes.map((m) => `${m[2]} (${m[1].toLowerCase()})`)) || 'none'}`];
  if (seqScans.length > 0) parts.push(`seq scans: ${unique(seqScans.map((m) => m[1]))}`);
  const time = plan.match(/Execution Time: ([\d.]+) ms/);
  if (time) parts.push(`${time[1]} ms`);
  return parts.join('; ');
}

function planSection(cls, plans) {
  const body = plans.map((p) =>
    [
      `**${p.kind} statement**: ${accessPaths(p.plan)}. Parameters \`${JSON.stringify(p.params)}\`.`,
      '',
      '```sql',
      p.sql,
      '```',
      '',
      '```',
      p.plan,
      '```',
    ].join('\n'),
  );
  return {
    title: `Plans (${cls.key}) ${cls.name}`,
    body: [`Input \`${JSON.stringify(cls.inputs[0])}\`.`, ...body].join('\n\n'),
  };
}

/** Measures one class and turns it into its report rows: timing, checks and plans. */
async function benchmarkClass(server, bench, client, cls, log) {
  log(`(${cls.key}) ${cls.name}: ${WARMUP} warm-up + ${RUNS} runs over ${cls.inputs.length} variants`);
  const m = await measure(server, bench.database, cls);
  const stats = summarize(m.samples);
  log(
    `(${cls.key}) p50 ${stats.p50} ms, p95 ${stats.p95} ms, max ${stats.max} ms; totals ${range(m.totals)}`,
  );
  const pages = cls.singleRow ? '' : `, ${m.shortPages} short pages`;
  const timing = {
    name: `(${cls.key}) ${cls.name}`,
    ...stats,
    targetP95: TARGET_P95_MS,
    statements: m.statements,
    totals: { min: Math.min(...m.totals), max: Math.max(...m.totals) },
    note: `total ${range(m.totals)}${pages}; ${m.statements.join('/')} statements`,
  };
  const checks = [
    {
      name: `(${cls.key}) p95 under ${TARGET_P95_MS} ms`,
      ok: stats.p95 < TARGET_P95_MS,
      detail: `${stats.p95} ms`,
    },
    {
      name: `(${cls.key}) exactly 2 statements per search (page + total)`,
      ok: m.statements.length === 1 && m.statements[0] === 2,
      detail: `saw ${m.statements.join(', ')}`,
    },
  ];
  if (!cls.singleRow) {
    checks.push({
      name: `(${cls.key}) every page is full`,
      ok: m.shortPages === 0,
      detail: `${m.shortPages} short`,
    });
  }
  log(`(${cls.key}) explain analyze`);
  const section = planSection(cls, await plansOf(server, bench.url, client, cls));
  return { timing, checks, section };
}

/**
 * Index-only scans, which the tag filters rely on, skip the heap only for pages the visibility map
 * marks all-visible. A transaction still open elsewhere in the database (an auto-analyze started
 * during the load, say) keeps VACUUM from marking them, so vacuum again until it can.
 */
async function vacuumUntilAllVisible(client, log) {
  for (let attempt = 1; ; attempt++) {
    await client.query('vacuum analyze');
    const { rows } = await client.query(
      `select min(relallvisible::float8 / greatest(relpages, 1)) as fraction
       from pg_class where relname in ('channel', 'channel_tag_map')`,
    );
    const fraction = rows[0].fraction;
    if (fraction > 0.99 || attempt === 5) return fraction;
    log(
      `only ${(fraction * 100).toFixed(0)} % of pages all-visible after vacuum ${attempt}; vacuuming again`,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}

/**
 * The query trusts each tag link's copy of its channel (sort keys, tag set); the seed writes them
 * itself with the triggers off, so check them all against the channel and the links.
 */
const STALE_COPIES = `
select count(*)::int as n
from channel_tag_map m
join channel c on c.id = m.channel_id
join (select l.channel_id, array_agg(l.tag_id order by l.tag_id) as ids, bit_or(1::bigint << tag.bit) as bits
      from channel_tag_map l join channel_tag tag on tag.id = l.tag_id group by l.channel_id) t
  on t.channel_id = m.channel_id
where m.channel_follower_cnt <> c.follower_cnt or m.channel_updated_at <> c.updated_at
   or m.channel_created_at <> c.created_at or m.channel_tag_ids <> t.ids or m.channel_tag_bits <> t.bits`;

async function seed(client, log) {
  log(`seeding ${fmt(CHANNELS)} channels`);
  const seeded = await timed(() => seedChannels(client, { channels: CHANNELS, log }));
  log(`seeded in ${seconds(seeded.ms)} s; vacuum analyze`);
  const vacuum = await timed(() => vacuumUntilAllVisible(client, log));
  log('checking every tag link against its channel');
  const { rows: stale } = await client.query(STALE_COPIES);
  const { rows } = await client.query('show server_version');
  return {
    facts: [
      { label: 'PostgreSQL', value: rows[0].server_version },
      { label: 'channels', value: fmt(seeded.value.channels) },
      { label: 'tags / tag links', value: `${seeded.value.tags} / ${fmt(seeded.value.tagLinks)}` },
      { label: 'grades', value: seeded.value.grades },
      { label: 'seeding (s)', value: seconds(seeded.ms) },
      { label: 'vacuum analyze (s)', value: seconds(vacuum.ms) },
      { label: 'all-visible pages (channel, tag map)', value: `${(vacuum.value * 100).toFixed(1)} %` },
      { label: 'page size', value: 20 },
    ],
    checks: [
      {
        name: `seeding under ${SEED_TARGET_MS / 1000} s`,
        ok: seeded.ms < SEED_TARGET_MS,
        detail: `${seconds(seeded.ms)} s`,
      },
      {
        name: "every tag link's copy equals its channel",
        ok: stale[0].n === 0,
        detail: `${fmt(stale[0].n)} stale links`,
      },
      {
        name: 'visibility map set after vacuum',
        ok: vacuum.value > 0.99,
        detail: `${(vacuum.value * 100).toFixed(1)} %`,
      },
    ],
  };
}

async function run({ log }) {
  const server = {
    ChannelQuery: serverDependency('@recflow/contracts').ChannelQuery,
    ChannelQueryRepository: serverModule('channel/channel-query.repository.js').ChannelQueryRepository,
  };
  log(`creating ${DATABASE} and applying the migrations`);
  const bench = await freshDatabase(DATABASE);
  const client = await connect(bench.url);
  try {
    const seeding = await seed(client, log);
    const results = [];
    for (const cls of await queryClasses(client)) {
      results.push(await benchmarkClass(server, bench, client, cls, log));
    }
    const writes = await measureWrites(client, bench.database, log);
    return {
      facts: seeding.facts,
      timings: [...results.map((r) => r.timing), ...writes],
      checks: [...seeding.checks, ...results.flatMap((r) => r.checks)],
      sections: results.map((r) => r.section),
    };
  } finally {
    await client.end();
    log(bench.kept ? `keeping ${DATABASE} (BENCH_KEEP_DB=1)` : `dropping ${DATABASE}`);
    await bench.dispose();
  }
}

export default { name: 'channel-query', title: 'Channel query on a million channels', run };
