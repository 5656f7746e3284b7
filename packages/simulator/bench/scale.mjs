#!/usr/bin/env node
/**
 * How much the simulator costs at production scale: 2,000 lives with realistic 2 s segments, each
 * recorded by 2 of 200 nodes in different groups, as recflow would place them. Runs the CLI as a
 * child process, plays recflow's part (stlink, LiveState in Redis, POST to the nodes), then samples
 * the child's CPU time and RSS from /proc over the measuring window. Linux only.
 *
 *   node packages/simulator/bench/scale.mjs [--lives 2000] [--nodes 200] [--per-live 2]
 *        [--warmup 10] [--seconds 30] [--port 7990] [--redis redis://127.0.0.1:6379]
 *        [--cpu-prof DIR]   (writes a V8 CPU profile of the simulator there)
 *
 * Needs `pnpm --filter @recflow/simulator build` first and a Redis; it deletes the keys it wrote.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { Redis } = require('ioredis');
const { generateChannels, buildLiveState } = require(resolve(here, '../dist/index.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const LIVES = Number(arg('lives', 2000));
const NODES = Number(arg('nodes', 200));
const PER_LIVE = Number(arg('per-live', 2));
const WARMUP_S = Number(arg('warmup', 10));
const MEASURE_S = Number(arg('seconds', 30));
const PORT = Number(arg('port', 7990));
const REDIS = arg('redis', 'redis://127.0.0.1:6379');
const GROUPS = 4;
const base = `http://127.0.0.1:${PORT}`;
const TOKEN = 'bench-token';
const CLK_TCK = 100;
const PROFILE_DIR = arg('cpu-prof', null);

const child = spawn(
  process.execPath,
  [
    ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    resolve(here, '../dist/cli.js'),
    ...['--port', PORT, '--channels', LIVES, '--lives', LIVES, '--nodes', NODES, '--groups', GROUPS],
    ...['--redis', REDIS, '--token', TOKEN],
  ].map(String),
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
child.stdout.resume();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function redisCpu(redis) {
  const info = await redis.info('cpu');
  const value = (key) => Number(new RegExp(`${key}:([0-9.]+)`).exec(info)[1]);
  return value('used_cpu_sys') + value('used_cpu_user');
}

async function pool(items, size, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function waitUp() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/control/state`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error('the simulator did not start');
}

async function register(redis, channel, index, ids) {
  const path = `/api/streams/${channel.platform}/${channel.sourceId}?fields=best,headers&withAuth=true`;
  const answer = await (await fetch(`${base}${path}`)).json();
  if (!answer.openLive) throw new Error(`${channel.sourceId} is not open`);
  const live = await (await fetch(`${base}/control/channels/${channel.platform}/${channel.sourceId}`)).json();
  const state = buildLiveState({
    id: randomUUID(),
    platform: channel.platform,
    channelId: channel.sourceId,
    liveId: String(live.live.liveId),
    stream: {
      url: answer.best.mediaPlaylistUrl,
      params: answer.best.params ?? null,
      headers: answer.headers,
    },
  });
  await redis.set(`live:${state.id}`, JSON.stringify(state), 'EX', 3600, 'NX');
  ids.push(state.id);
  // Consecutive node numbers sit in different groups (n1 g1, n2 g2, ...).
  for (let k = 0; k < PER_LIVE; k++) {
    const node = `n${((index * PER_LIVE + k) % NODES) + 1}`;
    const res = await fetch(`${base}/nodes/${node}/api/recordings/${state.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    if (res.status !== 200) throw new Error(`POST to ${node} answered ${res.status}`);
  }
}

async function cleanup(redis, ids) {
  const wanted = new Set(ids);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'live:*', 'COUNT', 5000);
    const ours = keys.filter((k) => wanted.has(k.split(':')[1]));
    if (ours.length > 0) deleted += await redis.unlink(...ours);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

async function main() {
  const redis = new Redis(REDIS);
  const ids = [];
  try {
    await waitUp();
    const channels = generateChannels(LIVES);
    const started = Date.now();
    await pool(
      channels.map((c, i) => [c, i]),
      32,
      ([c, i]) => register(redis, c, i, ids),
    );
    console.log(
      `registered ${ids.length} lives on ${NODES} nodes x${PER_LIVE} in ${Date.now() - started} ms`,
    );
    await sleep(WARMUP_S * 1000);

    const ticks0 = cpuTicks(child.pid);
    const redis0 = await redisCpu(redis);
    let rssMax = 0;
    const rssStart = rssMb(child.pid);
    for (let s = 0; s < MEASURE_S; s++) {
      await sleep(1000);
      rssMax = Math.max(rssMax, rssMb(child.pid));
    }
    const cpu = ((cpuTicks(child.pid) - ticks0) / CLK_TCK / MEASURE_S) * 100;
    const redisCpuPct = (((await redisCpu(redis)) - redis0) / MEASURE_S) * 100;
    const requests = await (await fetch(`${base}/control/state`)).json();

    const sample = ids.filter((_, i) => i % 40 === 0);
    const totals = { downloaded: 0, duplicates: 0, missing: 0, lost: 0 };
    for (const id of sample) {
      const report = await (await fetch(`${base}/control/ledger/${id}`)).json();
      // The newest segments of a live still being recorded are in flight, not missing.
      const settled = report.range.last - 3;
      totals.downloaded += report.downloaded;
      totals.duplicates += report.duplicates.length;
      totals.missing += report.missing.filter((n) => n <= settled).length;
      totals.lost += report.lost.length;
    }
    const stats = { failed_total: 0, segment_request_retries_total: 0, m3u8_request_retries_total: 0 };
    for (let n = 1; n <= NODES; n++) {
      const res = await fetch(`${base}/nodes/n${n}/api/recordings?fields=stats`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      for (const r of (await res.json()).recordings) for (const key in stats) stats[key] += r.stats[key];
    }
    console.log(
      JSON.stringify(
        {
          lives: ids.length,
          nodes: NODES,
          recordersPerLive: PER_LIVE,
          segmentSeconds: 2,
          measuredSeconds: MEASURE_S,
          simulatorCpuPercentOfOneCore: Math.round(cpu * 10) / 10,
          simulatorRssMbMax: Math.round(rssMax),
          simulatorRssMbAtStartAndEnd: [Math.round(rssStart), Math.round(rssMb(child.pid))],
          redisCpuPercentOfOneCore: Math.round(redisCpuPct * 10) / 10,
          ledgerSampleOf: sample.length,
          ledgerSample: totals,
          recorderStats: stats,
          state: requests,
        },
        null,
        2,
      ),
    );
  } finally {
    child.kill('SIGTERM');
    await sleep(300);
    console.log(`deleted ${await cleanup(redis, ids)} keys`);
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  child.kill('SIGTERM');
  process.exit(1);
});
