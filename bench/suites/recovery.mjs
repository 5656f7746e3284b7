/**
 * One recovery cycle (`live_recovery`) over 5,000 recording lives on 200 simulated recnode nodes,
 * two nodes per live: how long a cycle takes when every node records what it should (every node
 * asked over HTTP, every answer validated and compared) and how many SQL statements it costs (one,
 * whatever the number of lives), then a cycle in which one node of 50 lives has died. As in
 * live-registration, recflow's own time is the wall time minus the time spent waiting on the nodes
 * and Redis: the simulator shares the machine, and its answers are not recflow's cost.
 *
 * Registering 5,000 lives through the registrar would take minutes and measure registration, so
 * the lives are written directly: channels, lives and bindings in three set-based SQL statements,
 * LiveStates pipelined into the recnode Redis, and each binding's recorder started with recnode's
 * own `POST /api/recordings/{id}`. The simulator runs as its own process with passive recorders
 * (they answer `recording` without fetching streams), since 10,000 real recorders would measure
 * the simulator; what recovery does with the nodes' answers is the same.
 */
import { performance } from 'node:perf_hooks';
import { connect, freshDatabase } from '../lib/postgres.mjs';
import { startSimulatorProcess } from '../lib/processes.mjs';
import { serverDependency, serverModule } from '../lib/server.mjs';
import { summarize } from '../lib/stats.mjs';

const DATABASE = 'recflow_bench_recovery';
const PREFIX = 'recflow_bench_recovery';
/** A recnode Redis database of its own: other runs may clean up states they do not know in db 0. */
const RECNODE_DB = 14;
const NODES = 200;
const GROUPS = 4;
const CAPACITY = 60;
const LIVES = 5_000;
const WARMUP = 3;
const CYCLES = 15;
const TARGET_P95_MS = 1_000;

const SIM_PORT = 17_902;
const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;

async function registerFleet(app, sim) {
  const { NodeGroupService } = serverModule('node/node-group.service.js');
  const { NodeService } = serverModule('node/node.service.js');
  const groups = app.get(NodeGroupService);
  const nodes = app.get(NodeService);
  const groupIds = new Map();
  const created = [];
  for (const node of sim.nodes) {
    if (!groupIds.has(node.group)) groupIds.set(node.group, (await groups.create({ name: node.group })).id);
    created.push(
      await nodes.create({
        name: node.name,
        endpoint: node.endpoint,
        groupId: groupIds.get(node.group),
        capacity: CAPACITY,
        priority: 1,
        isCordoned: false,
        isDomestic: false,
      }),
    );
  }
  return created;
}

/** Channels, lives and bindings (live k on nodes k and k+1 of 200, so always two groups). */
async function insertLives(url, nodes) {
  const client = await connect(url);
  try {
    await client.query(
      `insert into channel (platform_id, source_id, username, grade_id)
       select (select id from platform where name = 'chzzk'), 'rb' || i, 'Recovery ' || i,
              (select id from channel_grade where name = 'none')
       from generate_series(0, $1 - 1) i`,
      [LIVES],
    );
    const { rows } = await client.query(
      `insert into live (channel_id, platform_id, source_id, live_title, fs_name, video_name, status, created_at)
       select c.id, c.platform_id, 'live-' || c.source_id, 'recovery bench', 'local', 'v_' || c.source_id,
              'recording', now() - interval '1 hour'
       from channel c order by c.source_id
       returning id, source_id as "sourceId"`,
    );
    const ids = rows.map((r) => r.id);
    const pairs = ids.flatMap((id, k) => [
      { liveId: id, nodeId: nodes[k % NODES].id },
      { liveId: id, nodeId: nodes[(k + 1) % NODES].id },
    ]);
    await client.query(
      `insert into live_node (live_id, node_id, created_at)
       select p."liveId", p."nodeId", now() - interval '1 hour'
       from jsonb_to_recordset($1::jsonb) as p("liveId" uuid, "nodeId" uuid)`,
      [JSON.stringify(pairs)],
    );
    return { ids, pairs, sourceIds: rows.map((r) => r.sourceId) };
  } finally {
    await client.end();
  }
}

async function writeStates(ids, sourceIds) {
  const { LiveState, liveStateKey, LIVES_KEY } = serverDependency('@recflow/contracts');
  const Redis = serverDependency('ioredis');
  const redis = new Redis(`redis://127.0.0.1:6379/${RECNODE_DB}`);
  try {
    const now = new Date().toISOString();
    const pipeline = redis.pipeline();
    ids.forEach((id, k) => {
      const state = LiveState.parse({
        id,
        platform: 'chzzk',
        channelId: sourceIds[k],
        channelName: `Recovery ${k}`,
        liveId: `live-${sourceIds[k]}`,
        liveTitle: 'recovery bench',
        platformCookie: null,
        streamUrl: `${SIM_URL}/hls/none/playlist.m3u8`,
        streamParams: null,
        streamHeaders: {},
        videoName: `v_${sourceIds[k]}`,
        fsName: 'local',
        location: 'local',
        isInvalid: false,
        createdAt: now,
        updatedAt: now,
      });
      pipeline.set(liveStateKey(id), JSON.stringify(state), 'EX', 3_600);
      pipeline.zadd(LIVES_KEY, Date.parse(now), id);
    });
    await pipeline.exec();
  } finally {
    redis.disconnect();
  }
}

/** recnode's own start request for every binding, 64 at a time. */
async function startRecorders(pairs, nodes, token) {
  const endpoint = new Map(nodes.map((n) => [n.id, n.endpoint]));
  let next = 0;
  const worker = async () => {
    while (next < pairs.length) {
      const { liveId, nodeId } = pairs[next++];
      const response = await fetch(`${endpoint.get(nodeId)}/api/recordings/${liveId}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`start ${liveId}: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
}

async function clearRecnodeDb() {
  const Redis = serverDependency('ioredis');
  const redis = new Redis(`redis://127.0.0.1:6379/${RECNODE_DB}`);
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  const server = new Redis('redis://127.0.0.1:6379');
  try {
    const prefixed = await server.keys(`${PREFIX}:*`);
    if (prefixed.length > 0) await server.unlink(...prefixed);
  } finally {
    server.disconnect();
  }
}

async function run({ log }) {
  const { AppConfig } = serverModule('config/app-config.js');
  const { createApp } = serverModule('bootstrap.js');
  const { LiveRecovery } = serverModule('live/live-recovery.js');
  const { withUpstreamTime } = serverModule('upstream/upstream-time.js');

  log(`starting the simulator: ${NODES} nodes in ${GROUPS} groups`);
  const sim = await startSimulatorProcess({
    port: SIM_PORT,
    args: [
      '--channels',
      '0',
      '--nodes',
      String(NODES),
      '--groups',
      String(GROUPS),
      '--redis-db',
      String(RECNODE_DB),
      '--passive-recorders',
    ],
  });
  log(`simulator up at ${sim.url} (passive recorders, recnode Redis db ${RECNODE_DB})`);
  const bench = await freshDatabase(DATABASE);
  await clearRecnodeDb();
  const config = AppConfig.fromEnv({
    ...sim.env,
    DATABASE_URL: bench.url,
    DATABASE_POOL_SIZE: '10',
    SERVER_REDIS_PREFIX: PREFIX,
    SCHEDULER_ENABLED: 'false',
    LOG_LEVEL: 'error',
  });
  const opened = await createApp(config, { logger: false });
  try {
    const nodes = await registerFleet(opened.app, sim);
    let started = performance.now();
    const { ids, pairs, sourceIds } = await insertLives(bench.url, nodes);
    await writeStates(ids, sourceIds);
    log(
      `${LIVES} lives and ${pairs.length} bindings written in ${Math.round(performance.now() - started)} ms`,
    );
    started = performance.now();
    await startRecorders(pairs, nodes, sim.env.RECNODE_API_TOKEN);
    log(`${pairs.length} recorders started in ${Math.round(performance.now() - started)} ms`);

    const recovery = opened.app.get(LiveRecovery);
    const stats = opened.database.stats;
    const healthy = { ms: [], own: [], statements: [] };
    let last;
    for (let i = 0; i < WARMUP + CYCLES; i++) {
      const before = stats.statements;
      const t = performance.now();
      const { value, upstreamMs } = await withUpstreamTime(() => recovery.check());
      last = value;
      if (i < WARMUP) continue;
      const ms = performance.now() - t;
      healthy.ms.push(ms);
      healthy.own.push(ms - upstreamMs);
      healthy.statements.push(stats.statements - before);
    }
    const cycle = summarize(healthy.ms);
    const own = summarize(healthy.own);
    log(
      `healthy cycle p50 ${cycle.p50} ms, p95 ${cycle.p95} ms (recflow's own p95 ${own.p95} ms); statements ${[...new Set(healthy.statements)]}`,
    );

    // One node dies: its 50 lives are failed, unbound and replaced in the same cycle.
    await sim.control('POST', '/control/nodes/n1/kill');
    const before = stats.statements;
    const t = performance.now();
    const failover = await recovery.check();
    const failoverMs = performance.now() - t;
    const failoverStatements = stats.statements - before;
    log(
      `failover cycle ${Math.round(failoverMs)} ms, ${failoverStatements} statements: ${JSON.stringify(failover)}`,
    );
    const client = await connect(bench.url);
    const { rows } = await client.query(
      `select count(*)::int as lives,
              count(*) filter (where n = 2)::int as on_two
       from (select l.id, count(ln.node_id) as n from live l left join live_node ln on ln.live_id = l.id
             where l.status = 'recording' group by l.id) x`,
    );
    await client.end();

    const statementsSeen = [...new Set(healthy.statements)].sort((a, b) => a - b);
    return {
      facts: [
        {
          label: 'nodes / groups / lives / bindings',
          value: `${NODES} / ${GROUPS} / ${LIVES} / ${pairs.length}`,
        },
        { label: 'answers compared per cycle', value: `${last.nodes} nodes, ${last.bindings} bindings` },
        { label: 'SQL statements per healthy cycle', value: statementsSeen.join(', ') },
        {
          label: 'failover cycle (one node of 50 lives dead)',
          value: `${Math.round(failoverMs)} ms, ${failoverStatements} statements, ${failover.failed} failed, ${failover.replaced} replaced`,
        },
        { label: 'lives on two nodes afterwards', value: `${rows[0].on_two} of ${rows[0].lives}` },
      ],
      timings: [
        {
          name: 'recovery cycle, recflow only (wall − waiting on nodes and Redis)',
          ...own,
          targetP95: TARGET_P95_MS,
        },
        {
          name: 'recovery cycle, wall time, every node healthy',
          ...cycle,
          note: '200 nodes asked over HTTP, the simulator on the same 2 cores',
        },
        { name: 'recovery cycle with one dead node and 50 replacements', ...summarize([failoverMs]) },
      ],
      checks: [
        {
          name: `recflow's own time per healthy cycle, p95 under ${TARGET_P95_MS} ms`,
          ok: own.p95 < TARGET_P95_MS,
          detail: `${own.p95} ms`,
        },
        {
          name: 'one SQL statement per healthy cycle, whatever the number of lives',
          ok: statementsSeen.length === 1 && statementsSeen[0] === 1,
          detail: statementsSeen.join(', '),
        },
        {
          name: 'every binding of the dead node failed and replaced in the same cycle',
          ok: failover.failed === 50 && failover.replaced === 50 && rows[0].on_two === LIVES,
          detail: `${failover.failed} failed, ${failover.replaced} replaced, ${rows[0].on_two} of ${rows[0].lives} on two nodes`,
        },
      ],
      sections: [],
    };
  } finally {
    await opened.close();
    await sim.stop();
    await clearRecnodeDb();
    await bench.dispose();
  }
}

export default { name: 'recovery', title: 'A recovery cycle over 5,000 lives on 200 nodes', run };
