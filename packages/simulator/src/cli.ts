#!/usr/bin/env node
/**
 * `recflow-sim`: runs the SIMULATED outside world of recflow as a process, or changes a running one.
 *
 *   recflow-sim [--port 7900] [--channels 300] [--lives 0] [--nodes 0] [--groups 3]
 *               [--redis redis://127.0.0.1:6379] [--redis-db 0] [--time-scale 1]
 *               [--token sim-recnode-token] [--segment-ms 2000] [--window 6]
 *               [--ledger-retain 300]   (segments per live the ledger keeps in detail)
 *               [--passive-recorders]   (recorders only report `recording`, for fleet-scale benchmarks)
 *   recflow-sim <state|nodes|ledger|fault> ... [--url http://127.0.0.1:7900]   (see cli-control.ts)
 */
import { COMMANDS, runControlCommand } from './cli-control';
import { generateChannels, startLives } from './population';
import { startSimulator } from './server';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function integer(name: string, fallback: number): number {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

async function serve() {
  const timeScale = Number(option('time-scale') ?? 1);
  const nodes = integer('nodes', 0);
  const sim = await startSimulator({
    port: integer('port', 7900),
    timeScale,
    nodes,
    groups: integer('groups', 3),
    redis: {
      url: option('redis') ?? 'redis://127.0.0.1:6379',
      ...(option('redis-db') === undefined ? {} : { db: integer('redis-db', 0) }),
    },
    recnodeToken: option('token') ?? 'sim-recnode-token',
    hls: { segmentDurationMs: integer('segment-ms', 2000), window: integer('window', 6) },
    // A process that runs for hours keeps ten minutes of each live in detail, the rest as counts.
    ledgerRetainSegments: integer('ledger-retain', 300),
    recorder: { passive: process.argv.includes('--passive-recorders') },
  });
  for (const channel of generateChannels(integer('channels', 300))) sim.world.addChannel(channel);
  const lives = startLives(sim.world, integer('lives', 0));

  const env = sim.recflowEnv();
  const lines = [
    `recflow simulator at ${sim.url}: everything it serves is SIMULATED, no real platform or recnode is involved`,
    `  SIMULATED streamq, stlink, HLS origin (${lives} lives on air, time scale ${timeScale}x)${nodes ? `, ${nodes} recnode nodes` : ''}`,
    '  configure recflow with:',
    ...Object.entries(env)
      .filter(([key]) => key !== 'RECNODE_NODES')
      .map(([key, value]) => `    ${key}=${value}`),
  ];
  if (nodes > 0) {
    lines.push('  SIMULATED recnode nodes (name, group, endpoint) to register in recflow:');
    for (const node of sim.nodes.all()) lines.push(`    ${node.name}  ${node.group}  ${node.endpoint}`);
  }
  lines.push(`  control API: ${sim.url}/control (recflow-sim fault ..., recflow-sim state)`);
  console.log(lines.join('\n'));
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const command = process.argv[2];
const run =
  command && command in COMMANDS ? runControlCommand(process.argv.slice(2), option('url')) : serve();
run.catch((error: unknown) => {
  console.error(`recflow-sim: ${(error as Error).message}`);
  process.exit(1);
});
