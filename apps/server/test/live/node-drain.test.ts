import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_QUEUE } from '../../src/live/node-drainer';
import { JobProducer } from '../../src/tasks/job-producer';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  // The drain runs as a job on the replica's workers, with every periodic task running beside it.
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 1_000, SCHEDULER_ENABLED: true });
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function recordLive() {
  const sourceId = uniqueId('drain');
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Drained ${sourceId}` });
  sim.world.startLive('chzzk', sourceId, { title: 'rolling deploy' });
  const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId } });
  await waitFor(() => sim.nodes.all().filter((n) => n.recordingIds().includes(dto.id)).length === 2, {
    what: 'two recorders',
  });
  return dto;
}

describe('draining a node group', () => {
  it('moves every live to another group without ever leaving one unrecorded, then undrains', async () => {
    const lives = [await recordLive(), await recordLive(), await recordLive(), await recordLive()];
    const groups = await app.api.ok(api.nodeGroups.list);
    const g1 = groups.find((g) => g.name === 'g1')!;
    const g1Nodes = (await app.api.ok(api.nodes.list, { query: { groupId: g1.id } })).map((n) => n.name);
    const onG1 = lives.filter((l) => l.nodes.some((n) => n.groupId === g1.id));
    expect(onG1.length).toBeGreaterThan(0);

    let unrecorded = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const l of lives) {
          if (!sim.nodes.all().some((n) => n.recordingIds().includes(l.id))) unrecorded++;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    const started = await app.api.call(api.lives.drain, { body: { groupId: g1.id } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      nodes: expect.arrayContaining(g1Nodes),
      total: onG1.length,
      moved: 0,
    });
    const done = await waitFor(
      async () => {
        const p = await app.api.ok(api.lives.drainProgress, { params: { id: started.body.id } });
        return p.state === 'completed' ? p : undefined;
      },
      { timeoutMs: 30_000, what: 'the drain to complete' },
    );
    sampling = false;
    await sampler;

    expect(done).toMatchObject({ total: onG1.length, moved: onG1.length, stuck: [], error: null });
    expect(unrecorded).toBe(0);
    for (const l of lives) {
      const nodes = (await app.api.ok(api.lives.get, { params: { id: l.id } })).nodes;
      expect(nodes.some((n) => n.groupId === g1.id)).toBe(false);
      expect(new Set(nodes.map((n) => n.groupId)).size).toBe(nodes.length);
      expect(nodes.length).toBe(2);
    }
    expect(
      (await app.api.ok(api.nodes.list, { query: { groupId: g1.id } })).every(
        (n) => n.isCordoned && n.livesCnt === 0,
      ),
    ).toBe(true);

    expect((await app.api.ok(api.lives.undrain, { body: { groupId: g1.id } })).nodes.sort()).toEqual(
      g1Nodes.sort(),
    );
    expect(
      (await app.api.ok(api.nodes.list, { query: { groupId: g1.id } })).every((n) => !n.isCordoned),
    ).toBe(true);
  });

  it('validates the target and answers 404 for unknown ones', async () => {
    expect((await app.api.raw('POST', '/api/lives/drain', {})).status).toBe(400);
    expect(
      (await app.api.call(api.lives.drain, { body: { nodeId: '00000000-0000-4000-8000-000000000000' } }))
        .status,
    ).toBe(404);
    expect((await app.api.call(api.lives.drainProgress, { params: { id: 'drain-nope' } })).status).toBe(404);
  });
});

describe('asking twice', () => {
  it('answers with the running drain of the same nodes, and 409 for a drain of some of them', async () => {
    const queue = app.app.get(JobProducer).queue(DRAIN_QUEUE);
    // Held in the queue, the first drain is still running when the next requests arrive.
    await queue.pause();
    const g2 = (await app.api.ok(api.nodeGroups.list)).find((g) => g.name === 'g2')!;
    const g2Node = (await app.api.ok(api.nodes.list, { query: { groupId: g2.id } }))[0]!;
    try {
      const drainG2 = () => app.api.call(api.lives.drain, { body: { groupId: g2.id } });
      const [first, twin] = await Promise.all([drainG2(), drainG2()]);
      expect([first.status, twin.status]).toEqual([202, 202]);
      expect(twin.body.id).toBe(first.body.id);
      // Undrained meanwhile, the nodes are cordoned again by the repeated request.
      await app.api.ok(api.lives.undrain, { body: { groupId: g2.id } });
      const again = await app.api.call(api.lives.drain, { body: { groupId: g2.id } });
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(first.body.id);
      expect(
        (await app.api.ok(api.nodes.list, { query: { groupId: g2.id } })).every((n) => n.isCordoned),
      ).toBe(true);
      const part = await app.api.raw('POST', '/api/lives/drain', { nodeId: g2Node.id });
      expect(part.status).toBe(409);
      expect(part.body).toMatchObject({ code: 'drain.already_running' });
      expect(JSON.stringify(part.body)).toContain(first.body.id);
      await queue.resume();
      await waitFor(
        async () =>
          (await app.api.ok(api.lives.drainProgress, { params: { id: first.body.id } })).state ===
          'completed',
        { timeoutMs: 30_000, what: 'the drain to complete' },
      );
      // Once it is over, the same nodes can be drained again.
      const later = await app.api.call(api.lives.drain, { body: { nodeId: g2Node.id } });
      expect(later.status).toBe(202);
      expect(later.body.id).not.toBe(first.body.id);
    } finally {
      await queue.resume();
      await app.api.ok(api.lives.undrain, { body: { groupId: g2.id } });
    }
  });
});

describe('timelines', () => {
  it('show on each live and node what happened to them', async () => {
    const lives = await app.api.ok(api.lives.list, { query: { segments: 'false' } });
    const live = lives.find((l) => l.recordedReason?.by === 'manual')!;
    const events = await app.api.ok(api.audit.ofLive, { params: { id: live.id } });
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain('live.registered');
    expect(kinds).toContain('live.node_added');
    const g1 = (await app.api.ok(api.nodeGroups.list)).find((g) => g.name === 'g1')!;
    const g1Node = (await app.api.ok(api.nodes.list, { query: { groupId: g1.id } }))[0]!;
    const nodeKinds = (await app.api.ok(api.audit.ofNode, { params: { id: g1Node.id } })).map((e) => e.kind);
    expect(nodeKinds).toEqual(expect.arrayContaining(['node.drain_started', 'node.undrained']));
  });
});
