/**
 * The fleet the chaos and rolling-drain proofs run on: 16 simulated recnode nodes in four groups,
 * registered in recflow with room for 30 lives each. The simulator runs SCALE times faster than
 * real time and recflow (its own process) runs with production's intervals and timeouts divided
 * by SCALE, so one simulated second here is one second in production.
 * The nodes are recnode as it is: they read the recnode Redis through a real replica, their list
 * answers a 500 on a small share of calls (recnode's list race), the origin serves a segment only
 * for minutes after it leaves the playlist, and their clocks are nine hours ahead of recflow's
 * (recnode stamps segment states with naive local time).
 */
import { existsSync } from 'node:fs';
import {
  nodeSpecs,
  type RedisReplica,
  type Simulator,
  startRedisReplica,
  startSimulator,
} from '@recflow/simulator';
import { afterAll, beforeAll } from 'vitest';
import { registerFleet } from '../support/fleet';
import { SERVER_MAIN, showServerOutputOnFailure } from '../support/server-process';
import { forgetRecnodeKeys, recnodeRedis } from './fleet-watch';
import { type RecflowProcess, startRecflowProcess } from './recflow-process';

const SCALE = 4;
const NODES = 16;
const GROUPS = 4;
const CAPACITY = 30;
/** The share of list calls that fail in the background, as recnode's own race makes them. */
const LIST_FAILURE_RATE = 0.02;
const NODE_UTC_OFFSET_MINUTES = 540;

export interface ScaledFleet {
  readonly sim: Simulator;
  readonly recflow: RecflowProcess;
  readonly replica: RedisReplica;
}

interface RunningFleet extends ScaledFleet {
  /** Stops recflow and the simulator, and removes the recnode keys of every live the run saw. */
  stop(): Promise<void>;
}

/**
 * The fleet of the calling test file, started before its tests and stopped after them. Its
 * recnode side is in Redis database `redisDb`, one
 * per test file (see the README); `settings` go on top of the scaled production ones. `sim` and
 * `recflow` can be read once the tests run.
 */
export function scaledFleet(
  redisDb: number,
  settings: Record<string, string | number | boolean> = {},
): ScaledFleet {
  let started: RunningFleet | undefined;
  beforeAll(async () => {
    started = await startScaledFleet(redisDb, settings);
  }, 120_000);
  afterAll(() => started?.stop(), 120_000);
  showServerOutputOnFailure(() => started?.recflow.client.serverOutputTail());
  const running = () => {
    if (!started) throw new Error('the scaled fleet is not running: read it inside a test');
    return started;
  };
  return {
    get sim() {
      return running().sim;
    },
    get recflow() {
      return running().recflow;
    },
    get replica() {
      return running().replica;
    },
  };
}

async function startScaledFleet(
  redisDb: number,
  settings: Record<string, string | number | boolean>,
): Promise<RunningFleet> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the server first`);
  const replica = await startRedisReplica();
  const sim = await startSimulator({
    nodes: nodeSpecs(NODES, GROUPS).map((n) => ({ ...n, utcOffsetMinutes: NODE_UTC_OFFSET_MINUTES })),
    timeScale: SCALE,
    redis: { ...recnodeRedis(redisDb), replicaUrl: replica.url },
    recnode: { listFailureRate: LIST_FAILURE_RATE },
  });
  let recflow: RecflowProcess | undefined;
  const stop = async () => {
    await recflow?.stop();
    await sim.close();
    await forgetRecnodeKeys(redisDb, sim.ledger.liveIds());
    await replica.stop();
  };
  try {
    recflow = await startRecflowProcess(sim, {
      DATABASE_POOL_SIZE: 10,
      // Production's settings, divided by the time scale.
      HTTP_TIMEOUT_MS: 20_000 / SCALE,
      LIVE_RECOVERY_INTERVAL_MS: 1_000 / SCALE,
      RECNODE_HEALTH_TIMEOUT_MS: 5_000 / SCALE,
      LIVE_RECOVERY_INIT_WAIT_SEC: 120 / SCALE,
      LIVE_ALLOCATION_INTERVAL_MS: 1_000 / SCALE,
      LIVE_ALLOCATION_INIT_WAIT_SEC: Math.ceil(15 / SCALE),
      ...settings,
    });
    await registerFleet(recflow.client, sim, CAPACITY);
  } catch (error) {
    await stop();
    throw error;
  }
  return { sim, recflow, replica, stop };
}
