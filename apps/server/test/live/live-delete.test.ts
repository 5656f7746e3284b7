import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live } from '../../src/db/schema';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, groups: 2, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 500 });
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function recordLive() {
  const sourceId = uniqueId('del');
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Deleted ${sourceId}` });
  sim.world.startLive('chzzk', sourceId, { title: 'to delete' });
  return app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId } });
}

describe('deleting a live (metadata only)', () => {
  it('refuses an active live unless told it is metadata-only, naming its recorders', async () => {
    const dto = await recordLive();
    const refused = await app.api.call(api.lives.remove, { body: { recordId: dto.id, cmd: 'delete' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'live.active',
      detail: expect.stringContaining('metadataOnly'),
    });
    expect((await app.api.ok(api.lives.get, { params: { id: dto.id } })).status).toBe('recording');
  });

  it('with metadataOnly, forgets the live and says which recorders keep running', async () => {
    const dto = await recordLive();
    const result = await app.api.ok(api.lives.remove, {
      body: { recordId: dto.id, cmd: 'delete', metadataOnly: true },
    });
    expect(result.recordersLeftRunning.sort()).toEqual(dto.nodes.map((n) => n.name).sort());
    expect(result.live).toMatchObject({ status: 'deleted', nodes: [], isFinished: true });
    expect(result.live?.deletedAt).not.toBeNull();
    for (const node of dto.nodes) {
      const status = await app.api.ok(api.nodes.status, { params: { nodeName: node.name } });
      expect(status.recordings.some((r) => r.id === dto.id)).toBe(true);
    }
  });

  it('purges a failed live, and answers 404 afterwards', async () => {
    const dto = await recordLive();
    await app.database.db.update(live).set({ status: 'failed' }).where(eq(live.id, dto.id));
    const result = await app.api.ok(api.lives.remove, {
      body: { recordId: dto.id, cmd: 'delete', isPurge: true },
    });
    expect(result).toEqual({ live: null, purged: true, recordersLeftRunning: [], finishing: false });
    expect((await app.api.call(api.lives.get, { params: { id: dto.id } })).status).toBe(404);
    expect((await app.api.call(api.lives.remove, { body: { recordId: dto.id, cmd: 'delete' } })).status).toBe(
      404,
    );
  });

  it('answers 404 for an unknown live, whatever the command', async () => {
    for (const cmd of ['finish', 'cancel', 'delete'] as const) {
      const answer = await app.api.call(api.lives.remove, {
        body: { recordId: '00000000-0000-4000-8000-000000000000', cmd },
      });
      expect(answer.status, cmd).toBe(404);
    }
    expect((await app.api.raw('DELETE', '/api/lives', { recordId: 'x', cmd: 'stop' })).status).toBe(400);
  });
});
