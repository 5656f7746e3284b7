import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SERVER_MAIN, showServerOutputOnFailure } from '../support/server-process';
import {
  expectLivesKept,
  expectLoopsAct,
  expectLoopsResumed,
  type RecordingFleet,
  segmentsAbove,
  startRecordingFleet,
} from './recording-fleet';

let fleet: RecordingFleet;

beforeAll(async () => {
  fleet = await startRecordingFleet();
}, 120_000);
afterAll(async () => {
  await fleet?.close();
});
showServerOutputOnFailure(() => fleet?.server.outputTail());

describe.runIf(existsSync(SERVER_MAIN))('recflow restarting', () => {
  it('after SIGTERM and a start, every live kept its recorders and state, and the loops run again', async () => {
    await fleet.server.stop();
    const restarted = Date.now();
    await fleet.server.start();
    await expectLoopsResumed(fleet.server, restarted);
    await expectLivesKept(fleet);
  }, 90_000);

  it('after SIGKILL and a start, the same, and recording goes on', async () => {
    const before = await segmentsAbove(fleet.server, fleet.lives[0]!.id, 0);
    await fleet.server.kill();
    const restarted = Date.now();
    await fleet.server.start();
    await expectLoopsResumed(fleet.server, restarted);
    await expectLivesKept(fleet);
    await segmentsAbove(fleet.server, fleet.lives[0]!.id, before + 2);
  }, 90_000);

  it('the loops act after the restarts: an ended broadcast is finished, a dead node replaced', async () => {
    await expectLoopsAct(fleet);
  }, 90_000);
});
