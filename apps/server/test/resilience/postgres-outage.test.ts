import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_MAIN } from '../support/server-process';
import {
  expectLivesKept,
  expectLoopsAct,
  expectLoopsResumed,
  type RecordingFleet,
  readyzBecomes,
  startRecordingFleet,
} from './recording-fleet';

// The full 30 s: longer than every task's stall lock (6 s), the pool's connection timeout (5 s),
// the finishing job's retries and several ticks of every loop.
const OUTAGE_MS = 30_000;

let fleet: RecordingFleet;

beforeAll(async () => {
  fleet = await startRecordingFleet();
}, 120_000);
afterAll(async () => {
  await fleet?.close();
});

describe.runIf(existsSync(SERVER_MAIN))('PostgreSQL unavailable for 30 s', () => {
  it('readyz goes not-ready then ready; lives keep their recorders; the loops run again by themselves', async () => {
    await fleet.postgres.stop();
    await readyzBecomes(fleet.server, 503);
    const during = await fleet.server.client.raw('GET', '/api/lives');
    expect(during.status).toBe(503);
    expect(JSON.stringify(during.body)).toContain('PostgreSQL cannot be reached');
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await fleet.postgres.start();
    const back = Date.now();
    await readyzBecomes(fleet.server, 200);
    await expectLoopsResumed(fleet.server, back);
    await expectLivesKept(fleet);
  }, 120_000);

  it('the loops act after it: an ended broadcast is finished, a dead node replaced', async () => {
    await expectLoopsAct(fleet);
  }, 90_000);
});
