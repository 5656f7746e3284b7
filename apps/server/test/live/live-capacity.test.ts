import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveAllocator } from '../../src/live/live-allocator';
import { LiveNodeRepository } from '../../src/live/live-node.repository';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 4, groups: 2, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 2_000, DATABASE_POOL_SIZE: 10 });
  await registerFleet(app.api, sim, 5);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function rows<T = { id: string }>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await app.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('node capacity under concurrent registrations', () => {
  it('binds exactly the capacity, never over-fills a node, and fails the rest with a clear reason', async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `cap${i}`);
    for (const sourceId of channels) {
      sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Cap ${sourceId}` });
      sim.world.startLive('chzzk', sourceId, { title: 'rush hour' });
    }
    const answers = await Promise.all(
      channels.map((sourceId) =>
        app.api.call(api.lives.create, { body: { platformName: 'chzzk', sourceId, nodeCount: 1 } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(channels.map(() => 201));
    const lives = answers.map((a) => a.body);
    const recording = lives.filter((l) => l.status === 'recording');
    const failed = lives.filter((l) => l.status === 'failed');
    expect(recording).toHaveLength(20);
    expect(failed).toHaveLength(10);
    for (const f of failed) expect(f.failureReason).toContain('no node with free capacity');

    const loads = (await app.database.db.execute(
      sql`select n.name, n.capacity, count(ln.live_id)::int as load from node n left join live_node ln on ln.node_id = n.id group by n.id`,
    )) as unknown as { rows: Array<{ name: string; capacity: number; load: number }> };
    expect(loads.rows.reduce((sum, r) => sum + r.load, 0)).toBe(20);
    for (const row of loads.rows) expect(row.load).toBeLessThanOrEqual(row.capacity);
    const nodes = await app.api.ok(api.nodes.list);
    expect(nodes.every((n) => n.livesCnt === n.capacity)).toBe(true);

    // One untf notice for each live that found no node, and none for the others.
    await waitFor(() => sim.untf.find('No available nodes for assignment').length >= 10, {
      what: 'ten notices',
    });
    const notices = sim.untf.find('No available nodes for assignment').map((n) => n.message);
    expect(notices).toHaveLength(10);
    for (const f of failed)
      expect(notices.filter((m) => m.includes(`channel=${f.channel.username},`))).toHaveLength(1);
  });

  it('binding does not wait for a foreign-key check holding a node row', async () => {
    // Every insert referencing a node (a binding, an audit event) takes KEY SHARE on its row, in
    // no set order; a binder waiting for it could deadlock with another registration.
    const [target] = await rows(sql`select id from node order by name limit 1`);
    const [live] = await rows(sql`select id from live order by created_at limit 1`);
    const binder = app.app.get(LiveNodeRepository);
    await app.database.withConnection(async (other) => {
      await other.execute(sql`begin`);
      try {
        await other.execute(sql`select 1 from node where id = ${target!.id} for key share`);
        const outcome = await Promise.race([
          binder.bind(live!.id, [target!.id]).then(() => 'bound'),
          new Promise((r) => setTimeout(() => r('waited'), 3_000)),
        ]);
        expect(outcome).toBe('bound');
      } finally {
        await other.execute(sql`rollback`);
      }
    });
  });

  it('concurrent binders of one live never put two of its nodes in one group', async () => {
    // Recovery, the balancer and a drain may each pick a node for the same live at the same moment.
    await app.database.db.execute(sql`update node set capacity = 100`);
    const [bound] = await rows<{ liveId: string; groupId: string }>(sql`
      select ln.live_id as "liveId", n.group_id as "groupId" from live_node ln join node n on n.id = ln.node_id
      where ln.live_id in (select live_id from live_node group by live_id having count(*) = 1) limit 1`);
    const sameGroup = await rows<{ id: string }>(
      sql`select id from node where group_id = ${bound!.groupId} and id not in (select node_id from live_node where live_id = ${bound!.liveId})`,
    );
    const otherGroup = await rows<{ id: string }>(
      sql`select id from node where group_id <> ${bound!.groupId} order by id`,
    );
    expect(sameGroup.length).toBeGreaterThan(0);
    expect(otherGroup).toHaveLength(2);
    const binder = app.app.get(LiveNodeRepository);

    expect(await binder.bind(bound!.liveId, [sameGroup[0]!.id])).toEqual([]);
    const results = await Promise.all(otherGroup.map((n) => binder.bind(bound!.liveId, [n.id])));
    expect(results.flat()).toHaveLength(1);
    const added = results.flatMap((r) => r ?? []);
    expect(await binder.groupsOf(bound!.liveId)).toHaveLength(2);
    expect(
      await binder.bind(
        bound!.liveId,
        otherGroup.map((n) => n.id),
      ),
    ).toEqual([]);
    await binder.unbind(bound!.liveId, added);

    // A live being finished gets no new node, whatever room there is.
    await app.database.db.execute(sql`update live set status = 'finalizing' where id = ${bound!.liveId}`);
    expect(await binder.bind(bound!.liveId, [otherGroup[0]!.id])).toBeNull();
    const allocation = await app.app.get(LiveAllocator).allocate({ liveId: bound!.liveId, count: 1 });
    expect(allocation).toMatchObject({ started: [], failures: [], closed: true });
  });

  it('withdraws a recorder that started while the finish of its live began', async () => {
    const [one] = await rows<{ liveId: string; groupId: string }>(sql`
      select ln.live_id as "liveId", n.group_id as "groupId" from live_node ln join node n on n.id = ln.node_id
      join live l on l.id = ln.live_id
      where l.status = 'recording' and ln.live_id in (select live_id from live_node group by live_id having count(*) = 1)
      limit 1`);
    const [target] = await rows<{ id: string; name: string }>(
      sql`select id, name from node where group_id <> ${one!.groupId} order by name limit 1`,
    );
    const simNode = sim.nodes.all().find((n) => n.name === target!.name)!;
    // The node takes a while to answer, and the finish begins meanwhile.
    simNode.condition.api = { mode: 'slow', delayMs: 800 };
    try {
      const pending = app.app
        .get(LiveAllocator)
        .allocate({ liveId: one!.liveId, count: 1, onlyNodeIds: [target!.id] });
      await new Promise((r) => setTimeout(r, 300));
      await app.database.db.execute(sql`update live set status = 'finalizing' where id = ${one!.liveId}`);
      const result = await pending;
      expect(result).toMatchObject({ started: [], closed: true });
      await waitFor(() => !simNode.recordingIds().includes(one!.liveId), {
        what: 'the withdrawn recorder to stop',
      });
      const left = await rows<{ n: number }>(
        sql`select count(*)::int as n from live_node where live_id = ${one!.liveId} and node_id = ${target!.id}`,
      );
      expect(left[0]!.n).toBe(0);
    } finally {
      simNode.condition.api = { mode: 'none' };
    }
  });
});
