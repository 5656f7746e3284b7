#!/usr/bin/env node
/**
 * `pnpm demo`: recflow on the embedded database with the simulator as its whole outside world.
 * Starts the simulator and the server as child processes, seeds demo grades, tags and channels
 * through recflow's own API (an import, so running the demo again changes nothing), and prints
 * the dashboard URL. Ctrl+C stops both.
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
}

async function main() {
  run(
    'simulator',
    ['packages/simulator/dist/cli.js', '--port', String(SIM_PORT), '--channels', String(CHANNELS)],
    {},
  );
  await waitFor(`${simUrl}/control/state`, 'the simulator');
  run('recflow', ['apps/server/dist/main.js'], {
    APP_PORT: String(APP_PORT),
    STREAMQ_URL: simUrl,
    RECFLOW_DATA_DIR: process.env.RECFLOW_DATA_DIR ?? resolve(root, '.recflow/demo'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  await waitFor(`${appUrl}/readyz`, 'recflow');
  await seed();
  console.log(
    `\n  recflow demo (SIMULATED platforms and nodes) is running:\n    dashboard  ${appUrl}/\n    API docs   ${appUrl}/api/docs\n  Ctrl+C stops it.\n`,
  );
}

main().catch((error) => {
  console.error(`[demo] ${error.message}`);
  stop(1);
});
