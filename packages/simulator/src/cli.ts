#!/usr/bin/env node
/** `recflow-sim [--port 7900] [--channels 300]`: runs the simulated world as a process. */
import { generateChannels } from './population';
import { startSimulator } from './server';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

async function main() {
  const sim = await startSimulator({ port: arg('port', 7900) });
  for (const channel of generateChannels(arg('channels', 300))) sim.world.addChannel(channel);
  console.log(
    `recflow simulator (SIMULATED platforms) at ${sim.url}: streamq under /api, control under /control`,
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`simulator cannot start: ${(error as Error).message}`);
  process.exit(1);
});
