import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log';
import { live as liveTable } from '../../src/db/schema';
import { ClaimRepair } from '../../src/live/claim-repair';
import { LiveBalancer } from '../../src/live/live-balancer';
import { LiveRecovery } from '../../src/live/live-recovery';
import { LiveRecoveryRepository } from '../../src/live/live-recovery.repository';
import { NodeHealth } from '../../src/live/node-health';
import { Notifications } from '../../src/live/notifications';
import { Clock } from '../../src/shared/clock';
import { RecnodeClient } from '../../src/upstream/recnode/recnode.client';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let recovery: LiveRecovery;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 500,
    RECNODE_HEALTH_TIMEOUT_MS: 300,
    LIVE_RECOVERY_INIT_WAIT_SEC: 0,
    NODE_FAILURE_THRESHOLD: 3,
  });
  recovery = app.app.get(LiveRecovery);
  await registerFleet(app.api, sim);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(async () => {
  for (const n of sim.nodes.all()) n.revive();
  const nodes = await app.api.ok(api.nodes.list);
  await Promise.all(
    nodes.map((n) =>
      app.api.ok(api.nodes.update, { params: { id: n.id }, body: { isCordoned: false, failureCnt: 0 } }),
    ),
  );
});

async function recordLive(nodeIds?: string[]) {
  const sourceId = uniqueId('rec');
  sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Recovered ${sourceId}` });
  sim.world.startLive('chzzk', sourceId, { title: 'survives' });
  const dto = await app.api.ok(api.lives.create, {
    body: { platformName: 'chzzk', sourceId, ...(nodeIds ? { nodeIds, nodeCount: 1 } : {}) },
  });
  for (const node of dto.nodes) {
    await waitFor(async () =>
      (await app.api.ok(api.nodes.status, { params: { nodeName: node.name } })).recordings.some(
        (r) => r.id === dto.id && r.status === 'recording',
      ),
    );
  }
  return dto;
}

const nodesOf = async (id: string) => (await app.api.ok(api.lives.get, { params: { id } })).nodes;

describe('recovery', () => {
  it('replaces every live of a dead node in the same cycle, in another group, and counts the failure', async () => {
    const dto = await recordLive();
    const [dead, kept] = dto.nodes;
    sim.nodes.must(dead!.name).kill('reset');
    const outcome = await recovery.check();
    expect(outcome).toMatchObject({ unreachable: 1 });
    expect(outcome.replaced).toBeGreaterThanOrEqual(1);
    const nodes = await nodesOf(dto.id);
    expect(nodes).toHaveLength(2);
    expect(nodes.map((n) => n.id)).toContain(kept!.id);
    expect(nodes.map((n) => n.id)).not.toContain(dead!.id);
    expect(new Set(nodes.map((n) => n.groupId)).size).toBe(2);
    expect((await app.api.ok(api.nodes.get, { params: { id: dead!.id } })).failureCnt).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('still replaces a failed binding while another node is unreachable', async () => {
    const a = await recordLive();
    const b = await recordLive();
    const unreachable = a.nodes[0]!;
    const healthyButStopped = b.nodes.find((n) => n.id !== unreachable.id)!;
    sim.nodes.must(unreachable.name).kill('hang');
    await app.app.get(RecnodeClient).cancel(healthyButStopped.endpoint, b.id);
    await waitFor(
      async () =>
        !(
          await app.api.ok(api.nodes.status, { params: { nodeName: healthyButStopped.name } })
        ).recordings.some((r) => r.id === b.id),
    );

    const outcome = await recovery.check();
    expect(outcome.failed).toBeGreaterThanOrEqual(2);
    expect((await nodesOf(a.id)).map((n) => n.id)).not.toContain(unreachable.id);
    expect((await nodesOf(b.id)).map((n) => n.id)).not.toContain(healthyButStopped.id);
    expect(await nodesOf(a.id)).toHaveLength(2);
    expect(await nodesOf(b.id)).toHaveLength(2);
  });

  it('does not judge a node on a live it was bound to within the grace period', async () => {
    const dto = await recordLive();
    const node = dto.nodes[0]!;
    await app.app.get(RecnodeClient).cancel(node.endpoint, dto.id);
    await waitFor(
      async () =>
        !(await app.api.ok(api.nodes.status, { params: { nodeName: node.name } })).recordings.some(
          (r) => r.id === dto.id,
        ),
    );
    const patient = new LiveRecovery(
      app.config.with({ LIVE_RECOVERY_INIT_WAIT_SEC: 600 }),
      app.app.get(Clock),
      app.app.get(LiveRecoveryRepository, { strict: false }),
      app.app.get(RecnodeClient),
      app.app.get(LiveBalancer, { strict: false }),
      app.app.get(Notifications, { strict: false }),
      app.app.get(AuditLog, { strict: false }),
      app.app.get(NodeHealth, { strict: false }),
      app.app.get(ClaimRepair, { strict: false }),
    );
    expect((await patient.check()).failed).toBe(0);
    expect((await nodesOf(dto.id)).map((n) => n.id)).toContain(node.id);
    expect((await recovery.check()).failed).toBeGreaterThanOrEqual(1);
  });

  it('replaces a recorder that stopped while the stream is unavailable, without blaming its node', async () => {
    const dto = await recordLive();
    const node = dto.nodes[0]!;
    await app.database.db
      .update(liveTable)
      .set({ streamUnavailableSince: new Date() })
      .where(eq(liveTable.id, dto.id));
    await app.app.get(RecnodeClient).cancel(node.endpoint, dto.id);
    await waitFor(
      async () =>
        !(await app.api.ok(api.nodes.status, { params: { nodeName: node.name } })).recordings.some(
          (r) => r.id === dto.id,
        ),
    );
    const outcome = await recovery.check();
    expect(outcome.failed).toBeGreaterThanOrEqual(1);
    expect((await nodesOf(dto.id)).map((n) => n.id)).not.toContain(node.id);
    expect(await nodesOf(dto.id)).toHaveLength(2);
    expect((await app.api.ok(api.nodes.get, { params: { id: node.id } })).failureCnt).toBe(0);
  });

  it('cordons a node at the failure threshold, once, with a notice', async () => {
    sim.untf.clear();
    const victim = (await app.api.ok(api.nodes.list))[0]!;
    for (let i = 0; i < 3; i++) await recordLive([victim.id]);
    sim.nodes.must(victim.name).kill('reset');
    const outcome = await recovery.check();
    expect(outcome.failed).toBeGreaterThanOrEqual(3);
    expect(outcome.cordoned).toBe(1);
    expect(await app.api.ok(api.nodes.get, { params: { id: victim.id } })).toMatchObject({
      isCordoned: true,
      failureCnt: 0,
    });
    await waitFor(() => sim.untf.find(`Node ${victim.name} is cordoned`).length === 1, {
      what: 'the cordon notice',
    });
  });

  it('costs one statement per cycle when every node records what it should', async () => {
    await recordLive();
    await recovery.check();
    const before = app.database.stats.statements;
    const outcome = await recovery.check();
    expect(outcome.failed).toBe(0);
    expect(outcome.bindings).toBeGreaterThan(0);
    expect(app.database.stats.statements - before).toBe(1);
  });
});
