import { RecnodeRecordingList } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLiveState, type Simulator, startSimulator } from '../src/index';
import { clearLives, type RecnodeClient, recnodeClient, startRecordableLive, waitFor } from './support';

let sim: Simulator;
let first: RecnodeClient;
let joiner: RecnodeClient;
const lives: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, timeScale: 30 });
  const [a, b] = sim.nodes.all();
  first = recnodeClient(a!.endpoint, sim.nodes.token);
  joiner = recnodeClient(b!.endpoint, sim.nodes.token);
});

afterAll(async () => {
  await clearLives(sim, lives);
  await sim.close();
});

async function statusOn(client: RecnodeClient, id: string) {
  return RecnodeRecordingList.parse((await client.list()).body).recordings.find((r) => r.id === id)?.status;
}

describe('a node joining a live', () => {
  it('marks the live invalid when the stream restarted its numbering', async () => {
    const live = await startRecordableLive(sim, 'chzzk', lives);
    const id = live.state.id;
    await first.start(id);
    await waitFor(() => sim.ledger.report(id).downloaded >= 10, { what: 'ten recorded segments' });
    sim.streams.restart(live.platform, live.sourceId, 'reset');
    await waitFor(() => sim.streams.of(live.platform, live.sourceId).window(sim.clock.now()).length >= 3);

    await joiner.start(id);
    await waitFor(async () => (await readLiveState(sim.nodes.redis, id))?.isInvalid, {
      what: 'isInvalid in the LiveState',
    });
    // recnode's loop overwrites the `failed` of an invalid join with `completed` on its way out,
    // and the recorder leaves the list soon after (rwiv/recnode stream_recorder_seg.py `_record`).
    expect([undefined, 'completed']).toContain(await statusOn(joiner, id));
    // A node already recording never re-reads it: ten segments from the reset is no gap to it.
    expect(await statusOn(first, id)).toBe('recording');
  });

  it('leaves a consistent live valid', async () => {
    const live = await startRecordableLive(sim, 'soop', lives);
    const id = live.state.id;
    await first.start(id);
    await waitFor(() => sim.ledger.report(id).downloaded >= 5);
    await joiner.start(id);
    await waitFor(async () => (await statusOn(joiner, id)) === 'recording', { what: 'the joiner recording' });
    expect((await readLiveState(sim.nodes.redis, id))?.isInvalid).toBe(false);
  });
});
