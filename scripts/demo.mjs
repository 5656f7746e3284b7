#!/usr/bin/env node
/**
 * `pnpm demo`: recflow on the embedded database with the simulator as its whole outside world
 * (streamq, stlink, an HLS origin and 6 recnode nodes in 3 groups, all SIMULATED). Starts both as
 * child processes, seeds demo grades, tags, channels and the node fleet through recflow's own API
 * (idempotent: running the demo again changes nothing), then, as an operator's script would, puts
 * simulated broadcasts on air and asks recflow to record them. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { generateChannels } = require(resolve(root, 'packages/simulator/dist/index.js'));

const SIM_PORT = Number(process.env.DEMO_SIMULATOR_PORT ?? 7900);
const APP_PORT = Number(process.env.APP_PORT ?? 8080);
const CHANNELS = Number(process.env.DEMO_CHANNELS ?? 300);
const NODES = 6;
const GROUPS = 3;
const LIVES = Number(process.env.DEMO_LIVES ?? 8);
const simUrl = `http://127.0.0.1:${SIM_PORT}`;
const appUrl = `http://localhost:${APP_PORT}`;

const children = [];
function run(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) console.log(prefix(line));
    });
  }
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(prefix(`exited with code ${code}; stopping the demo`));
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

async function call(method, path, body) {
  const response = await fetch(`${appUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok && response.status !== 409)
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const GRADES = [
  { name: 'great', shouldSave: true, shouldNotify: true, tier: 1, seq: 1 },
  { name: 'good', shouldSave: true, tier: 2, seq: 2 },
  { name: 'review', shouldSave: false, tier: 3, seq: 4 },
  { name: 'ignore', shouldSave: false, tier: 3, seq: 5 },
];
const TAGS = ['talk', 'music', 'game', 'art', 'cooking', 'sports', 'asmr', 'study', 'travel', 'news'];

async function control(method, path, body) {
  const response = await fetch(`${simUrl}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok)
    throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The simulated nodes, registered in recflow by group (409 = already there from a previous run). */
async function seedFleet() {
  const groups = new Map((await call('GET', '/api/node-groups')).map((g) => [g.name, g.id]));
  const known = new Set((await call('GET', '/api/nodes')).map((n) => n.name));
  for (const node of await control('GET', '/control/nodes')) {
    if (!groups.has(node.group))
      groups.set(node.group, (await call('POST', '/api/node-groups', { name: node.group })).id);
    if (known.has(node.name)) continue;
    await call('POST', '/api/nodes', {
      name: node.name,
      endpoint: node.endpoint,
      groupId: groups.get(node.group),
      capacity: 10,
    });
  }
  console.log(`[demo] fleet: ${NODES} simulated recnode nodes in ${GROUPS} groups`);
}

/** One simulated broadcast every few seconds, each recorded through POST /api/lives. */
async function putLivesOnAir(rows) {
  const candidates = rows.filter((r) => r.grade === 'great' || r.grade === 'good');
  for (let i = 0; i < Math.min(LIVES, candidates.length); i++) {
    const { platform, sourceId } = candidates[i];
    await control('POST', `/control/channels/${platform}/${sourceId}/live`, {
      title: `Simulated broadcast #${i + 1}`,
      viewers: 100 + i * 137,
    }).catch(() => undefined);
    const response = await fetch(`${appUrl}/api/lives`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platformName: platform, sourceId }),
    });
    const body = await response.json();
    const what = response.ok
      ? `${body.status} on ${body.nodes.map((n) => `${n.name}(${n.group.name})`).join(', ')}`
      : body.detail;
    console.log(`[demo] live ${i + 1}/${LIVES} ${platform}:${sourceId}: ${what}`);
    await new Promise((r) => setTimeout(r, 4_000));
  }
}

async function seed() {
  for (const grade of GRADES) await call('POST', '/api/channels/grades', grade);
  const rows = generateChannels(CHANNELS).map((c, i) => ({
    platform: c.platform,
    sourceId: c.sourceId,
    grade: ['great', 'good', 'none', 'none', 'review', 'ignore'][i % 6],
    tags: TAGS.filter((_, t) => (i * 7 + t * 3) % 10 < 3),
    followed: i % 9 === 0,
  }));
  const report = await call('POST', '/api/channels/import', { rows });
  const s = report.summary;
  console.log(
    `[demo] channels: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.error} errors`,
  );
  return rows;
}

async function main() {
  const simulatorArgs = [
    '--port',
    String(SIM_PORT),
    '--channels',
    String(CHANNELS),
    '--nodes',
    String(NODES),
    '--groups',
    String(GROUPS),
  ];
  run('simulator', ['packages/simulator/dist/cli.js', ...simulatorArgs], {});
  await waitFor(`${simUrl}/control/state`, 'the simulator');
  // Every service address, the recnode token and Redis, as the simulator advertises them.
  const { RECNODE_NODES: _nodes, ...simulated } = await control('GET', '/control/config');
  run('recflow', ['apps/server/dist/main.js'], {
    ...simulated,
    APP_PORT: String(APP_PORT),
    RECFLOW_DATA_DIR: process.env.RECFLOW_DATA_DIR ?? resolve(root, '.recflow/demo'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  await waitFor(`${appUrl}/readyz`, 'recflow');
  const rows = await seed();
  await seedFleet();
  console.log(
    `\n  recflow demo (SIMULATED platforms and nodes) is running:\n    dashboard  ${appUrl}/\n    API docs   ${appUrl}/api/docs\n  Ctrl+C stops it.\n`,
  );
  await putLivesOnAir(rows);
}

main().catch((error) => {
  console.error(`[demo] ${error.message}`);
  stop(1);
});
