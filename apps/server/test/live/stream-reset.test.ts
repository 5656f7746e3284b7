/**
 * A numbering reset of a stream is the stream's event, not its nodes' failure. Every recnode
 * validates every new segment against the highest recorded number (rwiv/recnode
 * recnode/data/segment/seg_state_validator.py `validate_segment`): one more than 150 away is
 * critical, so the node sets `isInvalid` on the live's LiveState on the master and stops
 * (recnode/recorder/stream/stream_recorder_seg.py), and on a reset every node of the live does so
 * within seconds. Recovery must not count those stops against the nodes nor fail the live over:
 * the invalid-live restart records it anew, once.
 */
import { api, type LiveDto, liveStateKey } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, live as liveTable, node as nodeTable } from '../../src/db/schema';
import { LiveInvalidRecovery } from '../../src/live/live-invalid-recovery';
import { LiveRecovery } from '../../src/live/live-recovery';
import { RecnodeRedis } from '../../src/upstream/recnode/recnode-redis';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const LIVES = 20;

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 1_000,
    SCHEDULER_ENABLED: true,
    // Recovery runs on its schedule all along, so that it meets the stopped nodes many times
    // before the restart; the restart is run by the test, once every node has stopped.
    LIVE_RECOVERY_INTERVAL_MS: 200,
    LIVE_RECOVERY_INIT_WAIT_SEC: 2,
    LIVE_INVALID_RECOVERY_INTERVAL_MS: 600_000,
    LIVE_CLEANUP_INTERVAL_MS: 600_000,
    // 20 lives on 6 nodes: counted, their stops would cordon every node several times over.
    NODE_FAILURE_THRESHOLD: 3,
    LIVE_FINISH_TIMEOUT_SEC: 15,
  });
  // Room for the old records and their successors side by side.
  await registerFleet(app.api, sim, 20);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

async function recordLive(): Promise<LiveDto & { source: string }> {
  const source = uniqueId('reset');
  sim.world.addChannel({ platform: 'chzzk', sourceId: source, username: `Reset ${source}` });
  sim.world.startLive('chzzk', source, { title: 'numbering resets' });
  // Numbered as a broadcast long on air, so that starting over from 0 is a jump of more than 150
  // (the numbering takes effect at the stream's next start, before anyone records it).
  sim.streams.configure('chzzk', source, { firstNumber: 1_000 });
  sim.streams.restart('chzzk', source, 'reset');
  const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId: source } });
  return { ...dto, source };
}

const recordingOn = (id: string) => sim.nodes.all().filter((n) => n.recordingIds().includes(id));

/** The origin starts the stream over, numbered from 0 again; every node of the live meets it. */
function resetStream(live: LiveDto & { source: string }): void {
  sim.streams.configure('chzzk', live.source, { firstNumber: 0 });
  sim.streams.restart('chzzk', live.source, 'reset');
}

describe('a stream numbering reset', () => {
  it('on 20 lives at once: no node failure, no cordon, each live restarted exactly once, the old records finished', async () => {
    const lives = await Promise.all(Array.from({ length: LIVES }, () => recordLive()));
    const ids = lives.map((l) => l.id);
    for (const live of lives) expect(live.nodes).toHaveLength(2);
    // Past the recovery's grace, so that recovery judges these bindings, and recording segments.
    await waitFor(
      async () => {
        const all = await Promise.all(ids.map((id) => app.api.ok(api.lives.get, { params: { id } })));
        return all.every((l) => (l.segments?.success ?? 0) >= 3);
      },
      { timeoutMs: 20_000, what: 'every live recording segments' },
    );
    await new Promise((r) => setTimeout(r, 2_500));
    const nodesBefore = new Map(
      (await Promise.all(ids.map((id) => app.api.ok(api.lives.get, { params: { id } })))).map((l) => [
        l.id,
        l.nodes.map((n) => n.id).sort(),
      ]),
    );

    for (const live of lives) resetStream(live);
    await waitFor(() => ids.every((id) => recordingOn(id).length === 0), {
      timeoutMs: 15_000,
      what: 'every node to stop every reset live',
    });
    const redis = app.app.get(RecnodeRedis);
    expect((await redis.liveStates(ids, 'master')).every((s) => s?.isInvalid === true)).toBe(true);

    // Recovery meets the stopped nodes, on its schedule and once more here: it leaves the lives be.
    await new Promise((r) => setTimeout(r, 1_000));
    const outcome = await app.app.get(LiveRecovery).check();
    expect(outcome).toMatchObject({ failed: 0, cordoned: 0, replaced: 0, invalid: LIVES });
    for (const id of ids) {
      const dto = await app.api.ok(api.lives.get, { params: { id } });
      expect(dto.status).toBe('recording');
      expect(dto.nodes.map((n) => n.id).sort()).toEqual(nodesBefore.get(id));
    }

    const restart = await app.app.get(LiveInvalidRecovery).recover();
    expect(restart).toMatchObject({ invalid: LIVES, restarted: LIVES, deferred: 0 });
    expect((await app.app.get(LiveInvalidRecovery).recover()).restarted).toBe(0);

    const successors = await app.database.db
      .select()
      .from(liveTable)
      .where(inArray(liveTable.restartedFrom, ids));
    expect(successors).toHaveLength(LIVES);
    expect(new Set(successors.map((s) => s.restartedFrom))).toEqual(new Set(ids));
    await waitFor(
      async () => {
        const all = await Promise.all(
          successors.map((s) => app.api.ok(api.lives.get, { params: { id: s.id } })),
        );
        return all.every((l) => l.status === 'recording' && (l.segments?.success ?? 0) >= 2);
      },
      { timeoutMs: 30_000, what: 'every successor recording' },
    );
    await waitFor(
      async () => {
        const rows = await app.database.db.select().from(liveTable).where(inArray(liveTable.id, ids));
        return rows.length === LIVES && rows.every((r) => r.status === 'deleted');
      },
      { timeoutMs: 60_000, what: 'every old record finished' },
    );

    // Recovery kept running through the restart and the finishes: still nothing counted.
    await new Promise((r) => setTimeout(r, 1_000));
    const nodes = await app.database.db.select().from(nodeTable);
    expect(nodes.map((n) => [n.name, n.failureCnt, n.isCordoned])).toEqual(
      nodes.map((n) => [n.name, 0, false]),
    );
    const events = await app.database.db
      .select()
      .from(auditEvent)
      .where(inArray(auditEvent.liveId, [...ids, ...successors.map((s) => s.id)]));
    expect(events.filter((e) => e.kind === 'live.node_failed')).toEqual([]);
    expect(events.filter((e) => e.kind === 'node.cordoned')).toEqual([]);
    for (const id of ids) {
      expect(events.filter((e) => e.kind === 'live.restarted' && e.liveId === id)).toHaveLength(1);
    }
    // No node of the fleet was cordoned, for these lives or any other reason.
    expect(
      await app.database.db.select().from(auditEvent).where(eq(auditEvent.kind, 'node.cordoned')),
    ).toEqual([]);
  }, 180_000);

  it('does not excuse nodes that stop a live whose state is valid or cannot be read', async () => {
    const [valid, unreadable] = await Promise.all([recordLive(), recordLive()]);
    for (const live of [valid, unreadable]) {
      await waitFor(() => recordingOn(live.id).length === 2, { what: 'both nodes recording' });
    }
    await new Promise((r) => setTimeout(r, 2_500));
    // Stopped first (a node reads the state to cancel), then the state made unreadable before
    // the recorders have uploaded and left their lists.
    await Promise.all([valid, unreadable].flatMap((l) => recordingOn(l.id).map((n) => n.cancel(l.id))));
    const redis = app.app.get(RecnodeRedis);
    await redis.master.set(liveStateKey(unreadable.id), '{"isInvalid": true}', 'KEEPTTL');
    await waitFor(
      async () => {
        const events = await app.database.db
          .select()
          .from(auditEvent)
          .where(
            and(
              eq(auditEvent.kind, 'live.node_failed'),
              inArray(auditEvent.liveId, [valid.id, unreadable.id]),
            ),
          );
        return new Set(events.map((e) => e.liveId)).size === 2;
      },
      { what: "recovery to count both lives' stopped nodes as failures" },
    );
  });
});
