/**
 * Registration of 1,000 lives over 200 simulated recnode nodes, through the server's own
 * LiveRegistrar (stream resolution, playlist check, live row, LiveState, node binding under the
 * capacity rule, start requests): the time recflow itself spends per registration (wall time minus
 * the time spent waiting on streamq, stlink, playlists, recnode and its Redis) and the SQL
 * statements per registration, which must not grow with the number of lives or nodes.
 */
import { performance } from 'node:perf_hooks';
import { connect, freshDatabase } from '../lib/postgres.mjs';
import { startSimulatorProcess } from '../lib/processes.mjs';
import { serverDependency, serverModule } from '../lib/server.mjs';
import { summarize } from '../lib/stats.mjs';

const DATABASE = 'recflow_bench_registration';
const PREFIX = 'recflow_bench_registration';
const NODES = 200;
const GROUPS = 4;
const CAPACITY = 20;
const WARMUP = 20;
const LIVES = 1_000;
const TARGET_OWN_P95_MS = 50;

const SIM_PORT = 17_901;
async function registerFleet(app, sim) {
  const { NodeGroupService } = serverModule('node/node-group.service.js');
  const { NodeService } = serverModule('node/node.service.js');
  const groups = app.get(NodeGroupService);
  const nodes = app.get(NodeService);
  const groupIds = new Map();
  for (const node of sim.nodes) {
    if (!groupIds.has(node.group)) groupIds.set(node.group, (await groups.create({ name: node.group })).id);
    await nodes.create({
      name: node.name,
      endpoint: node.endpoint,
      groupId: groupIds.get(node.group),
      capacity: CAPACITY,
      priority: 1,
      isCordoned: false,
      isDomestic: false,
    });
  }
}

/** Removes every recnode key of the benchmark's lives in one pass over the keyspace. */
async function clearRecnodeKeys(ids) {
  const Redis = serverDependency('ioredis');
  const redis = new Redis('redis://127.0.0.1:6379');
  const wanted = new Set(ids);
  let cursor = '0';
  let removed = 0;
  try {
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'live:*', 'COUNT', 5000);
      const ours = keys.filter((k) => wanted.has(k.split(':')[1]));
      if (ours.length > 0) removed += await redis.unlink(...ours);
      cursor = next;
    } while (cursor !== '0');
    if (ids.length > 0) await redis.zrem('lives', ...ids);
    const prefixed = await redis.keys(`${PREFIX}:*`);
    if (prefixed.length > 0) await redis.unlink(...prefixed);
  } finally {
    redis.disconnect();
  }
  return removed;
}

async function run({ log }) {
  const { AppConfig } = serverModule('config/app-config.js');
  const { createApp } = serverModule('bootstrap.js');
  const { LiveRegistrar } = serverModule('live/live-registrar.js');
  const { withUpstreamTime } = serverModule('upstream/upstream-time.js');

  log(`starting the simulator: ${NODES} nodes in ${GROUPS} groups`);
  // The simulator runs as its own process, as the real services would, so its work (2,000 polling
  // recorders) does not run on recflow's event loop and distort what is measured. 10 s segments:
  // the recorders keep polling while the benchmark runs, but lightly.
  const sim = await startSimulatorProcess({
    port: SIM_PORT,
    args: ['--channels', '0', '--nodes', String(NODES), '--groups', String(GROUPS), '--segment-ms', '10000'],
  });
  log(`simulator up at ${sim.url}`);
  const bench = await freshDatabase(DATABASE);
  const config = AppConfig.fromEnv({
    ...sim.env,
    DATABASE_URL: bench.url,
    DATABASE_POOL_SIZE: '10',
    SERVER_REDIS_PREFIX: PREFIX,
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'error',
  });
  const opened = await createApp(config, { logger: false });
  const ids = [];
  try {
    await registerFleet(opened.app, sim);
    const registrar = opened.app.get(LiveRegistrar);
    const stats = opened.database.stats;
    const samples = { total: [], own: [], upstream: [], statements: [] };
    log(`registering ${WARMUP} + ${LIVES} lives, one at a time, 2 nodes each`);
    for (let i = 0; i < WARMUP + LIVES; i++) {
      const sourceId = `bench${i}`;
      const platform = i % 2 ? 'soop' : 'chzzk';
      await sim.control('POST', '/control/channels', { platform, sourceId, username: `Bench ${i}` });
      await sim.control('POST', `/control/channels/${platform}/${sourceId}/live`, {
        title: `bench live ${i}`,
        viewers: i,
      });
      const before = stats.statements;
      const start = performance.now();
      const { value: id, upstreamMs } = await withUpstreamTime(() =>
        registrar.register({ platform: i % 2 ? 'soop' : 'chzzk', channelUid: sourceId }),
      );
      const total = performance.now() - start;
      ids.push(id);
      if (i < WARMUP) continue;
      samples.total.push(total);
      samples.upstream.push(upstreamMs);
      samples.own.push(total - upstreamMs);
      samples.statements.push(stats.statements - before);
      if ((i - WARMUP + 1) % 250 === 0) log(`${i - WARMUP + 1} registered`);
    }
    const client = await connect(bench.url);
    const { rows } = await client.query(
      "select count(*) filter (where status = 'recording')::int as recording, (select count(*)::int from live_node) as bindings, " +
        '(select max(c)::int from (select count(*) as c from live_node group by node_id) x) as max_load from live',
    );
    await client.end();
    const counts = rows[0];
    const own = summarize(samples.own);
    const total = summarize(samples.total);
    const upstream = summarize(samples.upstream);
    const statementsSeen = [...new Set(samples.statements)].sort((a, b) => a - b);
    const first = samples.statements.slice(0, 100);
    const last = samples.statements.slice(-100);
    log(
      `own p50 ${own.p50} ms, p95 ${own.p95} ms; total p95 ${total.p95} ms; statements ${statementsSeen.join('/')}`,
    );
    return {
      facts: [
        { label: 'nodes / groups / capacity each', value: `${NODES} / ${GROUPS} / ${CAPACITY}` },
        { label: 'lives registered (after warm-up)', value: LIVES },
        { label: 'lives recording / bindings', value: `${counts.recording} / ${counts.bindings}` },
        { label: 'highest node load', value: `${counts.max_load} of ${CAPACITY}` },
        { label: 'SQL statements per registration', value: statementsSeen.join(', ') },
      ],
      timings: [
        { name: 'registration, recflow only (wall − upstream wait)', ...own, targetP95: TARGET_OWN_P95_MS },
        {
          name: 'registration, wall time',
          ...total,
          note: 'includes the simulated services on the same 2 cores',
        },
        { name: 'waiting on upstream services', ...upstream },
      ],
      checks: [
        {
          name: `recflow's own p95 under ${TARGET_OWN_P95_MS} ms`,
          ok: own.p95 < TARGET_OWN_P95_MS,
          detail: `${own.p95} ms`,
        },
        {
          name: 'statements per registration do not grow with lives (first 100 vs last 100)',
          ok: Math.max(...last) <= Math.max(...first),
          detail: `first ${Math.max(...first)}, last ${Math.max(...last)}`,
        },
        {
          name: 'every live recording on 2 nodes, no node over capacity',
          ok:
            counts.recording === WARMUP + LIVES &&
            counts.bindings === 2 * (WARMUP + LIVES) &&
            counts.max_load <= CAPACITY,
          detail: `${counts.recording} recording, ${counts.bindings} bindings, max load ${counts.max_load}`,
        },
      ],
      sections: [],
    };
  } finally {
    await opened.close();
    await sim.stop();
    log(`removed ${await clearRecnodeKeys(ids)} recnode keys`);
    await bench.dispose();
  }
}

export default { name: 'live-registration', title: 'Registering 1,000 lives over 200 nodes', run };
