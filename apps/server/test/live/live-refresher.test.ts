import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveRefresher } from '../../src/live/live-refresher';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
let refresher: LiveRefresher;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, groups: 2, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 500 });
  refresher = app.app.get(LiveRefresher);
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function recordLive(title: string) {
  const sourceId = uniqueId('ref');
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Refreshed ${sourceId}` });
  sim.world.startLive('chzzk', sourceId, { title, viewers: 10 });
  return {
    sourceId,
    dto: await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId, nodeCount: 1 } }),
  };
}

describe('the live refresher', () => {
  it('updates title and viewers of the same broadcast', async () => {
    const { sourceId, dto } = await recordLive('Old title');
    sim.world.updateLive('chzzk', sourceId, { title: 'New title', viewers: 4321 });
    await refresher.refresh();
    expect(await app.api.ok(api.lives.get, { params: { id: dto.id } })).toMatchObject({
      liveTitle: 'New title',
      viewCnt: 4321,
    });
  });

  it('never starves: a live whose channel is offline still moves to the back of the queue', async () => {
    const offline = await recordLive('Going offline');
    sim.world.endLive('chzzk', offline.sourceId);
    const before = (await app.api.ok(api.lives.get, { params: { id: offline.dto.id } })).updatedAt;
    await refresher.refresh();
    const after = await app.api.ok(api.lives.get, { params: { id: offline.dto.id } });
    expect(after.liveTitle).toBe('Going offline');
    expect(after.updatedAt).not.toBe(before);
  });

  it('costs two statements per batch', async () => {
    await recordLive('Counted');
    const statements = app.database.stats.statements;
    const outcome = await refresher.refresh();
    expect(outcome.picked).toBeGreaterThan(0);
    expect(app.database.stats.statements - statements).toBe(2);
  });
});
