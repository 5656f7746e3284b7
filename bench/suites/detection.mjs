/**
 * Detection end to end: recflow (the built server, its own process, scheduler on, default poll
 * intervals) watches 10,000 followed channels and 20 active criteria while 200 broadcasts go on
 * air at random moments over 5 minutes in the simulator (its own process). Measured:
 * - the delay from "live on air" to "a node receives its start request", both taken by the
 *   simulator's clock (its broadcast schedule and its nodes' log of start requests);
 * - the SQL statements of each detection cycle, from the task runs' own counts, with 10 and with
 *   10,000 followed channels, and with 0 and with 200 lives on air;
 * - recflow's CPU and resident memory, sampled from /proc every second.
 */
import { freshDatabase } from '../lib/postgres.mjs';
import { sampleProcess, startServerProcess, startSimulatorProcess } from '../lib/processes.mjs';
import { serverDependency } from '../lib/server.mjs';
import { summarize } from '../lib/stats.mjs';

const DATABASE = 'recflow_bench_detection';
const PREFIX = 'recflow_bench_detection';
const SIM_PORT = 17_911;
const SERVER_PORT = 17_912;
const NODES = 20;
const GROUPS = 4;
const CAPACITY = 40;
/** 10,000 as specified; BENCH_DETECTION_FOLLOWED changes it to find what a machine sustains. */
const FOLLOWED = Number(process.env.BENCH_DETECTION_FOLLOWED ?? 10_000);
const FEW_FOLLOWED = 10;
const CRITERIA = 20;
const LIVES = 200;
const FOLLOWED_LIVES = LIVES / 2;
const SPREAD_MS = 5 * 60_000;
/** The defaults, stated: both polls run every 5 s. */
const POLL_INTERVAL_MS = 5_000;
const TARGET_P95_MS = POLL_INTERVAL_MS + 1_000;
const CYCLES_PER_PHASE = 2;
/** A followed cycle over 10,000 channels can take a minute on a busy machine. */
const CYCLE_WAIT_MS = 10 * 60_000;
const MIN_VIEWERS = 100;

/** A small seeded PRNG (mulberry32), so every run schedules the same broadcasts. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const platformOf = (i) => (i % 2 === 0 ? 'chzzk' : 'soop');
const followedChannel = (i) => ({
  platform: platformOf(i),
  sourceId: `benchfol${i}`,
  username: `Followed ${i}`,
});
const keyword = (k) => `benchkw${String(k).padStart(2, '0')}`;
/** Channels nobody follows whose lives the criteria find: criterion `k` searches `keyword(k)` on `platformOf(k)`. */
const criterionChannel = (i) => ({
  platform: platformOf(i % CRITERIA),
  sourceId: `benchcrit${i}`,
  username: `Found ${i}`,
});

/** Followed channels `from..to-1` in recflow's database, in one statement. */
async function insertFollowed(db, from, to) {
  const { sql } = serverDependency('drizzle-orm');
  await db.execute(sql`
    insert into channel (platform_id, source_id, username, grade_id, is_followed)
    select p.id, 'benchfol' || i, 'Followed ' || i, g.id, true
    from generate_series(${from}::int, ${to - 1}::int) i
    join platform p on p.name = (case when i % 2 = 0 then 'chzzk' else 'soop' end)::platform_name
    join channel_grade g on g.name = 'none'`);
}

async function registerFleet(server, sim) {
  const groups = new Map();
  for (const node of sim.nodes) {
    if (!groups.has(node.group)) {
      groups.set(node.group, (await server.api('POST', '/api/node-groups', { name: node.group })).id);
    }
    await server.api('POST', '/api/nodes', {
      name: node.name,
      endpoint: node.endpoint,
      groupId: groups.get(node.group),
      capacity: CAPACITY,
    });
  }
}

async function createCriteria(server) {
  for (let k = 0; k < CRITERIA; k++) {
    await server.api('POST', `/api/criteria/${platformOf(k)}`, {
      name: `bench-${keyword(k)}`,
      isDeactivated: false,
      minUserCnt: MIN_VIEWERS,
      positiveKeywords: [keyword(k)],
      negativeKeywords: ['rerun'],
    });
  }
}

/** Runs of a task that started after `since`, oldest first. */
async function runsSince(server, task, since) {
  const runs = await server.api('GET', `/api/tasks/${task}/runs?limit=200`);
  return runs.filter((r) => Date.parse(r.startedAt) >= since).reverse();
}

/** Waits for `count` complete runs of both detection tasks that started after now. */
async function detectionCycles(server, count, log, what) {
  const since = Date.now();
  const deadline = since + CYCLE_WAIT_MS;
  for (;;) {
    const followed = await runsSince(server, 'live_register_followed', since);
    const criteria = await runsSince(server, 'live_register_criterion', since);
    if (followed.length >= count && criteria.length >= count) {
      const describe = (runs) =>
        runs.map((r) => `${r.summary?.sqlStatements} SQL/${r.durationMs} ms`).join(', ');
      log(`${what}: followed cycles ${describe(followed)}; criteria cycles ${describe(criteria)}`);
      return { followed, criteria };
    }
    if (Date.now() > deadline)
      throw new Error(`no ${count} detection cycles within ${CYCLE_WAIT_MS / 60_000} min (${what})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The statement counts of cycles that registered nothing: detection's own cost. */
const detectionOnly = (runs) =>
  [
    ...new Set(runs.filter((r) => r.ok && r.summary?.registered === 0).map((r) => r.summary.sqlStatements)),
  ].sort((a, b) => a - b);

function plan(random) {
  const broadcasts = [];
  const followed = new Set();
  while (followed.size < FOLLOWED_LIVES) followed.add(Math.floor(random() * FOLLOWED));
  for (const i of followed) {
    broadcasts.push({
      ...followedChannel(i),
      kind: 'followed',
      inMs: Math.floor(random() * SPREAD_MS),
      live: { title: `followed broadcast ${i}`, viewers: Math.floor(random() * 50) },
    });
  }
  for (let i = 0; i < LIVES - FOLLOWED_LIVES; i++) {
    broadcasts.push({
      ...criterionChannel(i),
      kind: 'criterion',
      inMs: Math.floor(random() * SPREAD_MS),
      live: {
        title: `${keyword(i % CRITERIA)} run ${i}`,
        viewers: MIN_VIEWERS + Math.floor(random() * 5_000),
      },
    });
  }
  return broadcasts;
}

async function clearRedis(liveIds) {
  const Redis = serverDependency('ioredis');
  const redis = new Redis('redis://127.0.0.1:6379');
  const wanted = new Set(liveIds);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'live:*', 'COUNT', 5000);
      const ours = keys.filter((k) => wanted.has(k.split(':')[1]));
      if (ours.length > 0) await redis.unlink(...ours);
      cursor = next;
    } while (cursor !== '0');
    if (liveIds.length > 0) await redis.zrem('lives', ...liveIds);
    cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 5000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const resources = (samples) => {
  const cpu = summarize(samples.map((s) => s.cpu * 100));
  const rss = summarize(samples.map((s) => s.rssMb));
  return { cpu, rss };
};

async function run({ log }) {
  await clearRedis([]);
  log(`starting the simulator: ${NODES} nodes in ${GROUPS} groups`);
  const sim = await startSimulatorProcess({
    port: SIM_PORT,
    args: ['--channels', '0', '--nodes', String(NODES), '--groups', String(GROUPS), '--segment-ms', '10000'],
  });
  const bench = await freshDatabase(DATABASE);
  let server;
  let liveIds = [];
  try {
    const channels = [
      ...Array.from({ length: FOLLOWED }, (_, i) => followedChannel(i)),
      ...Array.from({ length: LIVES - FOLLOWED_LIVES }, (_, i) => criterionChannel(i)),
    ];
    await sim.control('POST', '/control/channels', channels);
    // One live every criterion cycle finds and skips (too few viewers): a cycle that finds nothing
    // needs no lookup at all, so "0 live" is compared on a cycle that finds this one.
    const quiet = { ...criterionChannel(LIVES), sourceId: 'benchquiet' };
    await sim.control('POST', '/control/channels', { ...quiet, username: 'Quiet' });
    await sim.control('POST', `/control/channels/${quiet.platform}/${quiet.sourceId}/live`, {
      title: `${keyword(LIVES % CRITERIA)} quiet`,
      viewers: 1,
    });
    await insertFollowed(bench.database.db, 0, FEW_FOLLOWED);

    server = await startServerProcess({
      port: SERVER_PORT,
      env: {
        ...sim.env,
        DATABASE_URL: bench.url,
        SERVER_REDIS_PREFIX: PREFIX,
        SCHEDULER_ENABLED: 'true',
        LOG_LEVEL: 'warn',
        LIVE_STATE_EXPIRE_SEC: '3600',
      },
    });
    log(`recflow up (pid ${server.pid}), polls every ${POLL_INTERVAL_MS} ms (the defaults)`);
    const config = (await server.api('GET', '/api/tasks')).filter((t) =>
      ['live_register_followed', 'live_register_criterion'].includes(t.name),
    );
    await registerFleet(server, sim);
    await createCriteria(server);

    // The first cycles load the new criteria and the followed set into their caches.
    await detectionCycles(server, 1, log, 'warming up');
    const few = await detectionCycles(server, CYCLES_PER_PHASE, log, `${FEW_FOLLOWED} followed, 0 live`);
    await insertFollowed(bench.database.db, FEW_FOLLOWED, FOLLOWED);
    // The followed set is cached in Redis; emptied, it is rebuilt from the database at the next cycle.
    const Redis = serverDependency('ioredis');
    const redis = new Redis('redis://127.0.0.1:6379');
    await redis.del(`${PREFIX}:channels:followed`);
    redis.disconnect();
    await detectionCycles(server, 1, log, 'rebuilding the followed set');
    const many = await detectionCycles(server, CYCLES_PER_PHASE, log, `${FOLLOWED} followed, 0 live`);

    const broadcasts = plan(prng(11));
    log(
      `${LIVES} broadcasts (${FOLLOWED_LIVES} followed, ${LIVES - FOLLOWED_LIVES} criteria matches) over ${SPREAD_MS / 1000} s`,
    );
    const sampler = sampleProcess(server.pid);
    const runStarted = Date.now();
    await sim.control(
      'POST',
      '/control/broadcasts',
      broadcasts.map(({ kind: _kind, ...b }) => b),
    );
    let report = [];
    for (;;) {
      await new Promise((r) => setTimeout(r, 5_000));
      report = await sim.control('GET', '/control/broadcasts');
      const started = report.filter((b) => b.firstStart).length;
      const elapsed = Date.now() - runStarted;
      if (elapsed % 30_000 < 5_000)
        log(`${started}/${LIVES} broadcasts recorded after ${Math.round(elapsed / 1000)} s`);
      if (started === LIVES || elapsed > SPREAD_MS + 180_000) break;
    }
    const samples = sampler.stop();
    const busy = await detectionCycles(server, CYCLES_PER_PHASE, log, `${FOLLOWED} followed, ${LIVES} live`);
    // Broadcasts recorded late (after the wait) still count, with their real delay.
    report = await sim.control('GET', '/control/broadcasts');
    const runWindow = await Promise.all(
      ['live_register_followed', 'live_register_criterion'].map((t) => runsSince(server, t, runStarted)),
    );

    const kindOf = new Map(broadcasts.map((b) => [`${b.platform}:${b.sourceId}`, b.kind]));
    const delays = { all: [], followed: [], criterion: [] };
    for (const b of report) {
      if (b.delayMs === null) continue;
      delays.all.push(b.delayMs);
      delays[kindOf.get(`${b.platform}:${b.sourceId}`)].push(b.delayMs);
    }
    const missed = report.filter((b) => !b.firstStart).length;
    const all = summarize(delays.all);
    const { cpu, rss } = resources(samples);
    const cycleTimes = (runs) => summarize(runs.map((r) => r.durationMs));
    const statements = {
      fewFollowed: detectionOnly(few.followed),
      manyFollowed: detectionOnly(many.followed),
      manyFollowedLive: detectionOnly(busy.followed),
      criteriaIdle: detectionOnly([...few.criteria, ...many.criteria]),
      criteriaLive: detectionOnly(busy.criteria),
    };
    const same = (a, b) => a.length === 1 && b.length === 1 && a[0] === b[0];
    liveIds = (await server.api('GET', '/api/lives?status=all&segments=false')).map((l) => l.id);
    log(`delay p50 ${all.p50} ms, p95 ${all.p95} ms, max ${all.max} ms; ${missed} not recorded`);
    log(
      `statements ${JSON.stringify(statements)}; CPU p50 ${cpu.p50}% max ${cpu.max}%; RSS max ${rss.max} MB`,
    );

    return {
      facts: [
        { label: 'followed channels / active criteria', value: `${FOLLOWED} / ${CRITERIA}` },
        {
          label: 'broadcasts (followed / criteria matches)',
          value: `${LIVES} (${FOLLOWED_LIVES} / ${LIVES - FOLLOWED_LIVES}) over ${SPREAD_MS / 60_000} min`,
        },
        {
          label: 'poll intervals (defaults)',
          value: config.map((t) => `${t.name} ${t.intervalMs} ms`).join(', '),
        },
        { label: 'nodes / groups / capacity', value: `${NODES} / ${GROUPS} / ${CAPACITY}` },
        { label: 'broadcasts never recorded', value: missed },
        { label: 'SQL per followed cycle, 10 followed, 0 live', value: statements.fewFollowed.join(', ') },
        {
          label: `SQL per followed cycle, ${FOLLOWED.toLocaleString('en')} followed, 0 live`,
          value: statements.manyFollowed.join(', '),
        },
        {
          label: `SQL per followed cycle, ${FOLLOWED.toLocaleString('en')} followed, 200 live`,
          value: statements.manyFollowedLive.join(', '),
        },
        {
          label: 'SQL per criteria cycle, 1 live found (skipped) / 200 live',
          value: `${statements.criteriaIdle.join(', ')} / ${statements.criteriaLive.join(', ')}`,
        },
        {
          label: 'followed channels checked per second (cycles with 0 live)',
          value: many.followed.map((r) => Math.round((r.summary.checked / r.durationMs) * 1000)).join(', '),
        },
        {
          label: 'recflow CPU, % of one core (p50 / p95 / max)',
          value: `${cpu.p50} / ${cpu.p95} / ${cpu.max}`,
        },
        { label: 'recflow RSS MB (p50 / max)', value: `${rss.p50} / ${rss.max}` },
      ],
      timings: [
        { name: 'live on air → first node start request, all', ...all, targetP95: TARGET_P95_MS },
        { name: '… followed channels', ...summarize(delays.followed) },
        { name: '… criteria matches', ...summarize(delays.criterion) },
        {
          name: `followed cycle duration, ${FOLLOWED.toLocaleString('en')} followed, 0 live`,
          ...cycleTimes(many.followed),
        },
        { name: 'followed cycle duration during the run', ...cycleTimes(runWindow[0]) },
        { name: 'criteria cycle duration during the run', ...cycleTimes(runWindow[1]) },
        { name: 'followed cycle start lag during the run', ...summarize(runWindow[0].map((r) => r.lagMs)) },
      ],
      checks: [
        { name: 'every broadcast recorded', ok: missed === 0, detail: `${LIVES - missed} of ${LIVES}` },
        {
          name: `delay p95 ≤ poll interval + 1 s (${TARGET_P95_MS} ms)`,
          ok: missed === 0 && all.p95 <= TARGET_P95_MS,
          detail: `${all.p95} ms`,
        },
        {
          name: `SQL per followed cycle the same with 10 and ${FOLLOWED.toLocaleString('en')} followed, and with 0 and 200 live`,
          ok:
            same(statements.fewFollowed, statements.manyFollowed) &&
            same(statements.manyFollowed, statements.manyFollowedLive),
          detail: `${statements.fewFollowed} / ${statements.manyFollowed} / ${statements.manyFollowedLive}`,
        },
        {
          name: 'SQL per criteria cycle the same with 1 and 200 live',
          ok: same(statements.criteriaIdle, statements.criteriaLive),
          detail: `${statements.criteriaIdle} / ${statements.criteriaLive}`,
        },
      ],
      sections: [],
    };
  } finally {
    await server?.stop();
    await sim.stop();
    await clearRedis(liveIds);
    await bench.dispose();
  }
}

export default {
  name: 'detection',
  title: `Detecting 200 broadcasts among ${FOLLOWED.toLocaleString('en')} followed channels and 20 criteria`,
  run,
};
