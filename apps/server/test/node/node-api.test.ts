import { randomUUID } from 'node:crypto';
import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live, liveNode, platform } from '../../src/db/schema';
import { NodeResetTask } from '../../src/tasks/node-reset.task';
import { addChannel, uniqueId } from '../support/fixtures';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, groups: 2, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 400 });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function newGroup() {
  return app.api.ok(api.nodeGroups.create, { body: { name: uniqueId('group') } });
}

describe('node groups', () => {
  it('are created, renamed and listed with their node counts', async () => {
    const group = await newGroup();
    await app.api.ok(api.nodes.create, {
      body: { name: uniqueId('n'), endpoint: 'http://a:1', groupId: group.id, capacity: 1 },
    });
    const renamed = await app.api.ok(api.nodeGroups.update, {
      params: { id: group.id },
      body: { name: `${group.name}-r` },
    });
    expect(renamed).toMatchObject({ name: `${group.name}-r`, nodeCount: 1 });
    expect((await app.api.ok(api.nodeGroups.list)).find((g) => g.id === group.id)?.nodeCount).toBe(1);
  });

  it('refuse deletion while they have nodes (409 with the count), and duplicate names', async () => {
    const group = await newGroup();
    await app.api.ok(api.nodes.create, {
      body: { name: uniqueId('n'), endpoint: 'http://a:1', groupId: group.id, capacity: 1 },
    });
    const refused = await app.api.call(api.nodeGroups.remove, { params: { id: group.id } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'node_group.in_use',
      detail: expect.stringContaining('1 node'),
    });
    expect((await app.api.call(api.nodeGroups.create, { body: { name: group.name } })).status).toBe(409);
    const empty = await newGroup();
    expect((await app.api.call(api.nodeGroups.remove, { params: { id: empty.id } })).status).toBe(200);
  });
});

describe('nodes', () => {
  it('are created with defaults and their group, and updated (cordon, capacity)', async () => {
    const group = await newGroup();
    const created = await app.api.call(api.nodes.create, {
      body: { name: uniqueId('node'), endpoint: 'http://recnode-1:9083/', groupId: group.id, capacity: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      endpoint: 'http://recnode-1:9083',
      priority: 1,
      isCordoned: false,
      isDomestic: false,
      livesCnt: 0,
      failureCnt: 0,
      group: { id: group.id },
    });
    const updated = await app.api.ok(api.nodes.update, {
      params: { id: created.body.id },
      body: { isCordoned: true, capacity: 3 },
    });
    expect(updated).toMatchObject({ isCordoned: true, capacity: 3 });
  });

  it('validate the endpoint, priority, capacity, group and name', async () => {
    const group = await newGroup();
    const bad = await app.api.raw('POST', '/api/nodes', {
      name: '',
      endpoint: 'ftp://x',
      groupId: group.id,
      capacity: -1,
      priority: 0,
    });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['body.capacity', 'body.endpoint', 'body.name', 'body.priority']);
    const unknownGroup = await app.api.call(api.nodes.create, {
      body: { name: uniqueId('n'), endpoint: 'http://a:1', groupId: randomUUID(), capacity: 1 },
    });
    expect(unknownGroup.status).toBe(404);
    const name = uniqueId('dup');
    await app.api.ok(api.nodes.create, {
      body: { name, endpoint: 'http://a:1', groupId: group.id, capacity: 1 },
    });
    expect(
      (
        await app.api.call(api.nodes.create, {
          body: { name, endpoint: 'http://b:1', groupId: group.id, capacity: 1 },
        })
      ).status,
    ).toBe(409);
  });

  it('count their load from the bindings and refuse deletion while lives are bound', async () => {
    const group = await newGroup();
    const node = await app.api.ok(api.nodes.create, {
      body: { name: uniqueId('busy'), endpoint: 'http://a:1', groupId: group.id, capacity: 2 },
    });
    const ch = await addChannel(app.api, sim);
    const db = app.database.db;
    const [pf] = await db.select().from(platform);
    const [row] = await db
      .insert(live)
      .values({
        channelId: ch.id,
        platformId: pf!.id,
        sourceId: '1',
        liveTitle: 't',
        fsName: 'fs',
        videoName: uniqueId('v'),
      })
      .returning();
    await db.insert(liveNode).values({ liveId: row!.id, nodeId: node.id });
    expect((await app.api.ok(api.nodes.get, { params: { id: node.id } })).livesCnt).toBe(1);
    const refused = await app.api.call(api.nodes.remove, { params: { id: node.id } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'node.in_use', detail: expect.stringContaining('1 live') });
  });
});

describe("a node's recordings", () => {
  it('are asked from the node, and an unreachable node answers reachable: false without failing', async () => {
    const group = await newGroup();
    const [alive, dead] = sim.nodes.all();
    await app.api.ok(api.nodes.create, {
      body: { name: alive!.name, endpoint: alive!.endpoint, groupId: group.id, capacity: 2 },
    });
    await app.api.ok(api.nodes.create, {
      body: { name: dead!.name, endpoint: dead!.endpoint, groupId: group.id, capacity: 2 },
    });
    dead!.kill('hang');
    try {
      const [up, down] = await Promise.all([
        app.api.ok(api.nodes.status, { params: { nodeName: alive!.name } }),
        app.api.ok(api.nodes.status, { params: { nodeName: dead!.name } }),
      ]);
      expect(up).toMatchObject({ reachable: true, error: null, recordings: [] });
      expect(down).toMatchObject({ reachable: false, error: expect.stringContaining('recnode') });
    } finally {
      dead!.revive();
    }
    expect((await app.api.call(api.nodes.status, { params: { nodeName: 'no-such-node' } })).status).toBe(404);
  });
});

describe('the failure-count reset', () => {
  it('sets every node back to zero', async () => {
    const group = await newGroup();
    const node = await app.api.ok(api.nodes.create, {
      body: { name: uniqueId('f'), endpoint: 'http://a:1', groupId: group.id, capacity: 1 },
    });
    await app.api.ok(api.nodes.update, { params: { id: node.id }, body: { failureCnt: 7 } });
    const task = app.app.get(NodeResetTask, { strict: false });
    expect(task.intervalMs).toBe(43_200_000);
    expect(await task.run()).toEqual({ reset: 1 });
    expect((await app.api.ok(api.nodes.get, { params: { id: node.id } })).failureCnt).toBe(0);
  });
});
