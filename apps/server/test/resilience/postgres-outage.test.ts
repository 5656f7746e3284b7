import { existsSync } from 'node:fs';
import { api } from '@recflow/contracts';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_MAIN, showServerOutputOnFailure } from '../support/server-process';
import { waitFor } from '../support/wait';
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
showServerOutputOnFailure(() => fleet?.server.outputTail());

describe.runIf(existsSync(SERVER_MAIN))('PostgreSQL unavailable for 30 s', () => {
  it('readyz goes not-ready then ready; lives keep their recorders; the loops run again by themselves', async () => {
    // A broadcast ends just before the outage: its finish is under way when the database goes.
    // Usually: a finish can also be over within one poll (the simulated nodes stop at once), and
    // then the outage meets no finish; what follows must hold either way.
    const ending = fleet.lives.pop()!;
    fleet.sim.world.endLive('chzzk', ending.source);
    await waitFor(
      async () => {
        const { status } = await fleet.server.client.ok(api.lives.get, { params: { id: ending.id } });
        return status === 'finalizing' || status === 'deleted';
      },
      { timeoutMs: 30_000, intervalMs: 50, what: 'the ended broadcast to start finishing' },
    );
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

    // Nothing was lost: the interrupted finish completed, with its SQS event in the outbox.
    await waitFor(
      async () =>
        (await fleet.server.client.ok(api.lives.get, { params: { id: ending.id } })).status === 'deleted',
      { timeoutMs: 60_000, what: 'the interrupted finish to complete' },
    );
    const db = new Client({ connectionString: fleet.postgres.url });
    await db.connect();
    try {
      const { rows } = await db.query('select body from finish_event where live_id = $1', [ending.id]);
      expect(rows.map((r) => r.body)).toEqual([
        expect.objectContaining({ status: 'complete', videoName: ending.videoName }),
      ]);
    } finally {
      await db.end();
    }
  }, 180_000);

  it('the loops act after it: an ended broadcast is finished, a dead node replaced', async () => {
    await expectLoopsAct(fleet);
  }, 90_000);
});
