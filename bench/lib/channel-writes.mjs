/**
 * Latency of the writes that keep the tag links' copies of their channel (migration 0010) on a
 * seeded catalogue, through the server's own repositories: a background refresh batch that changes
 * follower counts, a tag attach and its detach (each a transaction that also bumps updated_at, as
 * the API does), and a channel imported with three tags. Writes change the data: run them after
 * the reads.
 */
import { serverModule } from './server.mjs';
import { summarize, timeRuns } from './stats.mjs';

const WARMUP = 10;
const RUNS = 100;
const REFRESH_BATCH = 20;
const IMPORT_TAGS = ['ai', 'pets', 'golf'];

function repositories(database) {
  const handle = { database };
  const { ChannelRefreshRepository } = serverModule('channel/channel-refresh.repository.js');
  const { TagRepository } = serverModule('channel/tag.repository.js');
  const { ChannelRepository } = serverModule('channel/channel.repository.js');
  return {
    refresh: new ChannelRefreshRepository(handle),
    tags: new TagRepository(handle),
    channels: new ChannelRepository(handle),
  };
}

/** Write classes as `{ key, name, run(i) }`, over channels sampled once, deterministic inputs. */
async function writeClasses(client, database) {
  const repo = repositories(database);
  const db = database.db;
  const { rows } = await client.query(
    'select id from channel tablesample bernoulli (1) repeatable (11) order by id limit 5000',
  );
  const ids = rows.map((r) => r.id);
  const { rows: grades } = await client.query("select id from channel_grade where name = 'none'");
  const { rows: platforms } = await client.query("select id from platform where name = 'soop'");
  const [tag] = await repo.tags.ensureByNames(db, ['bench-write']);
  const channelAt = (i) => ids[i % ids.length];
  return [
    {
      key: 'w1',
      name: `refresh batch of ${REFRESH_BATCH} channels, follower counts changed`,
      run: (i) =>
        repo.refresh.applyRefresh(
          Array.from({ length: REFRESH_BATCH }, (_, k) => {
            const id = channelAt(i * REFRESH_BATCH + k);
            const profile = {
              username: `Refreshed${k}`,
              profileImgUrl: null,
              followerCnt: (i * 7919 + k) % 2_000_000,
            };
            return { id, profile };
          }),
        ),
    },
    {
      key: 'w2',
      name: 'attach a tag (transaction: bump updated_at, insert link)',
      run: (i) =>
        db.transaction(async (tx) => {
          await repo.tags.touchChannel(tx, channelAt(i));
          await repo.tags.attach(tx, channelAt(i), [tag.id]);
        }),
    },
    {
      key: 'w3',
      name: 'detach the tag (transaction: bump updated_at, delete link)',
      run: (i) =>
        db.transaction(async (tx) => {
          await repo.tags.touchChannel(tx, channelAt(i));
          await repo.tags.detach(tx, channelAt(i), tag.id);
        }),
    },
    {
      key: 'w4',
      name: `import a channel with ${IMPORT_TAGS.length} tags (transaction)`,
      run: (i) =>
        db.transaction(async (tx) => {
          const row = await repo.channels.insert(tx, {
            platformId: platforms[0].id,
            sourceId: `bench-import-${i}`,
            username: `Imported${i}`,
            followerCnt: i,
            gradeId: grades[0].id,
          });
          const tags = await repo.tags.ensureByNames(tx, IMPORT_TAGS);
          await repo.tags.attach(
            tx,
            row.id,
            tags.map((t) => t.id),
          );
        }),
    },
  ];
}

/** Timing rows for the report (no latency target: these are costs to watch, not promises). */
export async function measureWrites(client, database, log) {
  const timings = [];
  for (const cls of await writeClasses(client, database)) {
    log(`(${cls.key}) ${cls.name}: ${WARMUP} warm-up + ${RUNS} runs`);
    const stats = summarize(await timeRuns(cls.run, { warmup: WARMUP, runs: RUNS }));
    log(`(${cls.key}) p50 ${stats.p50} ms, p95 ${stats.p95} ms, max ${stats.max} ms`);
    timings.push({ name: `(${cls.key}) ${cls.name}`, ...stats, note: 'write' });
  }
  return timings;
}
