import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_MAIN, showServerOutputOnFailure } from '../support/server-process';
import {
  expectLivesKept,
  expectLoopsAct,
  expectLoopsResumed,
  type RecordingFleet,
  readyzBecomes,
  startRecordingFleet,
} from './recording-fleet';

// Longer than a task's stall lock (6 s) and the worker's reconnection back-off.
const OUTAGE_MS = 10_000;
// TASK_SHUTDOWN_TIMEOUT_MS of the fleet.
const SHUTDOWN_TIMEOUT_MS = 5_000;

let fleet: RecordingFleet;

beforeAll(async () => {
  fleet = await startRecordingFleet();
}, 120_000);
afterAll(async () => {
  await fleet?.close();
});
showServerOutputOnFailure(() => fleet?.server.outputTail());

describe.runIf(existsSync(SERVER_MAIN))("recflow's Redis restarting empty", () => {
  it('readyz goes not-ready then ready; lives keep their recorders; the loops schedule and run again', async () => {
    await fleet.redis.stop('SIGTERM');
    await readyzBecomes(fleet.server, 503);
    for (const path of ['/api/tasks', '/api/tasks/live_recovery/runs']) {
      const during = await fleet.server.client.raw('GET', path);
      expect(during.status, path).toBe(503);
      expect(JSON.stringify(during.body)).toContain('Redis cannot be reached');
    }
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await expectLivesKept(fleet);
    await fleet.redis.start();
    const back = Date.now();
    await readyzBecomes(fleet.server, 200);
    await expectLoopsResumed(fleet.server, back);
    await expectLivesKept(fleet);
  }, 120_000);

  it('the loops act after it: an ended broadcast is finished, a dead node replaced', async () => {
    await expectLoopsAct(fleet);
  }, 90_000);

  it('SIGTERM while Redis is down still exits, within the shutdown timeout', async () => {
    await fleet.redis.stop('SIGTERM');
    await readyzBecomes(fleet.server, 503);
    const started = Date.now();
    await fleet.server.stop();
    expect(Date.now() - started).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
    await fleet.redis.start();
    await fleet.server.start();
    await expectLivesKept(fleet);
  }, 90_000);
});
