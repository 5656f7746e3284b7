import { randomUUID } from 'node:crypto';
import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { live, liveNode, platform } from '../../src/db/schema';
import { LiveBalancer } from '../../src/live/live-balancer';
import { RecnodeRedis } from '../../src/upstream/recnode/recnode-redis';
import { addChannel, uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let balancer: LiveBalancer;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 500,
    LIVE_ALLOCATION_INIT_WAIT_SEC: 0,
    LIVE_REGISTRATION_TIMEOUT_SEC: 10,
  });
  balancer = app.app.get(LiveBalancer);
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => {
  for (const n of sim.nodes.all()) n.revive();
});

async function recordLive(nodeCount: number, gradeName?: string) {
  const sourceId = uniqueId('bal');
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Balanced ${sourceId}` });
  if (gradeName)
    await app.api.ok(api.channels.create, { body: { platformName: 'chzzk', sourceId, gradeName } });
  sim.world.startLive('chzzk', sourceId, { title: 'balanced' });
  return app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId, nodeCount } });
}

const nodesOf = async (id: string) => (await app.api.ok(api.lives.get, { params: { id } })).nodes;

describe('the balancer', () => {
  it('adds the missing node in another group', async () => {
    const dto = await recordLive(1);
    await balancer.balance();
    const nodes = await nodesOf(dto.id);
    expect(nodes).toHaveLength(2);
    expect(new Set(nodes.map((n) => n.groupId)).size).toBe(2);
    await waitFor(
      async () =>
        (await app.api.ok(api.lives.get, { params: { id: dto.id } })).recordings.every(
          (r) => r.recording?.status === 'recording',
        ),
      {
        what: 'both nodes recording',
      },
    );
  });

  it('replaces a node that was removed, outside the group still recording', async () => {
    const dto = await recordLive(2);
    const [gone, kept] = dto.nodes;
    await app.database.db.delete(liveNode).where(eq(liveNode.nodeId, gone!.id));
    await balancer.balance();
    const nodes = await nodesOf(dto.id);
    expect(nodes).toHaveLength(2);
    expect(nodes.map((n) => n.id)).toContain(kept!.id);
    expect(nodes.find((n) => n.id !== kept!.id)!.groupId).not.toBe(kept!.groupId);
  });

  it('removes extras youngest binding first when the grade asks for fewer nodes', async () => {
    const grade = await app.api.ok(api.grades.create, {
      body: { name: uniqueId('grade'), shouldSave: true, nodesPerLive: 3 },
    });
    const dto = await recordLive(1, grade.name);
    const [first] = dto.nodes;
    await balancer.balance();
    expect(await nodesOf(dto.id)).toHaveLength(3);
    await app.api.ok(api.grades.update, { params: { id: grade.id }, body: { nodesPerLive: 1 } });
    await balancer.balance();
    expect((await nodesOf(dto.id)).map((n) => n.id)).toEqual([first!.id]);
  });

  it('sends the no-node notice once per broadcast, not every tick', async () => {
    const grade = await app.api.ok(api.grades.create, {
      body: { name: uniqueId('four'), shouldSave: true, nodesPerLive: 3 },
    });
    await app.api
      .ok(api.nodes.list)
      .then((nodes) =>
        Promise.all(
          nodes
            .filter((n) => n.group.name === 'g3')
            .map((n) => app.api.ok(api.nodes.update, { params: { id: n.id }, body: { isCordoned: true } })),
        ),
      );
    try {
      const dto = await recordLive(2, grade.name);
      sim.untf.clear();
      for (let i = 0; i < 3; i++) expect((await balancer.balance()).short).toBeGreaterThanOrEqual(1);
      await waitFor(() => sim.untf.find(dto.channel.username).length > 0, { what: 'the notice' });
      expect(sim.untf.find(`channel=${dto.channel.username},`)).toHaveLength(1);
    } finally {
      const nodes = await app.api.ok(api.nodes.list);
      await Promise.all(
        nodes.map((n) => app.api.ok(api.nodes.update, { params: { id: n.id }, body: { isCordoned: false } })),
      );
    }
  });

  it('reads every live in one statement when nothing needs to change', async () => {
    await balancer.balance();
    const before = app.database.stats.statements;
    const outcome = await balancer.balance();
    expect(outcome.lives).toBeGreaterThan(0);
    expect(outcome.added + outcome.removed).toBe(0);
    expect(app.database.stats.statements - before).toBe(1);
  });

  it('fails a live whose registration was interrupted, and cleans up after it', async () => {
    const ch = await addChannel(app.api, sim);
    const [pf] = await app.database.db.select().from(platform).where(eq(platform.name, 'chzzk'));
    const id = randomUUID();
    await app.database.db.insert(live).values({
      id,
      channelId: ch.id,
      platformId: pf!.id,
      sourceId: '77',
      liveTitle: 'interrupted',
      fsName: 'local',
      videoName: uniqueId('v'),
      createdAt: new Date(Date.now() - 60_000),
    });
    const nodes = await app.api.ok(api.nodes.list);
    await app.database.db.insert(liveNode).values({ liveId: id, nodeId: nodes[0]!.id });
    const outcome = await balancer.balance();
    expect(outcome.interrupted).toBe(1);
    const after = await app.api.ok(api.lives.get, { params: { id } });
    expect(after).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('interrupted'),
      nodes: [],
    });
    expect(await app.app.get(RecnodeRedis).liveState(id)).toBeNull();
  });
});
