import { api, type LiveDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent, finishEvent, live as liveTable } from '../../src/db/schema';
import { LiveInvalidRecovery } from '../../src/live/live-invalid-recovery';
import { LiveRestartRepository } from '../../src/live/live-restart.repository';
import { RecnodeRedis } from '../../src/upstream/recnode/recnode-redis';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let recovery: LiveInvalidRecovery;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 1_000,
    // The finishing jobs need the workers; the restart itself is driven by the tests.
    SCHEDULER_ENABLED: true,
    LIVE_INVALID_RECOVERY_INTERVAL_MS: 600_000,
    LIVE_CLEANUP_INTERVAL_MS: 600_000,
    LIVE_RECOVERY_INIT_WAIT_SEC: 600,
    LIVE_FINISH_TIMEOUT_SEC: 10,
  });
  recovery = app.app.get(LiveInvalidRecovery);
  await registerFleet(app.api, sim);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.stlink.access.reset();
  sim.faults.reset();
});

async function recordLive(): Promise<LiveDto & { source: string }> {
  const source = uniqueId('inv');
  sim.world.addChannel({ platform: 'chzzk', sourceId: source, username: `Invalid ${source}` });
  sim.world.startLive('chzzk', source, { title: 'goes invalid' });
  const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId: source } });
  await waitFor(
    async () => ((await app.api.ok(api.lives.get, { params: { id: dto.id } })).segments?.success ?? 0) >= 2,
    { what: 'segments recorded' },
  );
  return { ...dto, source };
}

const markInvalid = (id: string) => sim.nodes.all()[0]!.protocol.markInvalid(id);
const successorsOf = (id: string) =>
  app.database.db.select().from(liveTable).where(eq(liveTable.restartedFrom, id));

async function finished(id: string) {
  return waitFor(
    async () => {
      const answer = await app.api.ok(api.lives.get, { params: { id } });
      return answer.status === 'deleted' ? answer : undefined;
    },
    { timeoutMs: 20_000, what: `live ${id} finished` },
  );
}

describe('invalid-live recovery', () => {
  it('restarts a live a joining node finds invalid as a new record on two nodes, and finishes the old one as a recording', async () => {
    const old = await recordLive();
    // The origin restarts the stream with its numbering reset: the same numbers now name other
    // segments, and a node that joins sees it.
    sim.streams.restart('chzzk', old.source, 'reset');
    const bound = new Set(old.nodes.map((n) => n.name));
    const joiner = sim.nodes.all().find((n) => !bound.has(n.name))!;
    expect((await joiner.start(old.id)).ok).toBe(true);
    await waitFor(async () => (await app.app.get(RecnodeRedis).liveState(old.id))?.isInvalid, {
      what: 'the joining node to mark the live invalid',
    });
    sim.untf.clear();

    const outcome = await recovery.recover();
    expect(outcome).toMatchObject({ invalid: 1, restarted: 1, deferred: 0 });

    const [successor] = await successorsOf(old.id);
    expect(successor).toBeDefined();
    const fresh = await app.api.ok(api.lives.get, { params: { id: successor!.id } });
    expect(fresh).toMatchObject({ status: 'recording', sourceId: old.sourceId, restartedFrom: old.id });
    expect(fresh.videoName).not.toBe(old.videoName);
    expect(fresh.nodes).toHaveLength(2);
    expect(new Set(fresh.nodes.map((n) => n.groupId)).size).toBe(2);
    const state = await app.app.get(RecnodeRedis).liveState(successor!.id);
    expect(state).toMatchObject({ isInvalid: false, videoName: successor!.videoName });
    await waitFor(
      async () =>
        ((await app.api.ok(api.lives.get, { params: { id: successor!.id } })).segments?.success ?? 0) >= 2,
      { what: 'the new record to record' },
    );

    const done = await finished(old.id);
    expect(done.nodes).toEqual([]);
    const [event] = await app.database.db.select().from(finishEvent).where(eq(finishEvent.liveId, old.id));
    expect(event?.body).toEqual({
      status: 'complete',
      platform: 'chzzk',
      uid: old.source,
      videoName: old.videoName,
      fsName: 'local',
    });
    const [row] = await app.database.db.select().from(liveTable).where(eq(liveTable.id, old.id));
    expect(row?.finishRequest).toMatchObject({ cmd: 'finish', by: 'recovery' });

    const oldEvents = await app.api.ok(api.audit.ofLive, { params: { id: old.id } });
    const newEvents = await app.api.ok(api.audit.ofLive, { params: { id: successor!.id } });
    expect(oldEvents.find((e) => e.kind === 'live.restarted')?.details).toEqual({
      restartedAs: successor!.id,
    });
    expect(newEvents.find((e) => e.kind === 'live.restarted')?.details).toEqual({ restartedFrom: old.id });
    await waitFor(() => sim.untf.find(`Live is invalid: channel=Invalid ${old.source}`).length === 1, {
      what: 'the invalid-live notice',
    });
  });

  it('restarts exactly once when two runs race on the same invalid live', async () => {
    const old = await recordLive();
    await markInvalid(old.id);
    const outcomes = await Promise.all([recovery.recover(), recovery.recover(), recovery.recover()]);
    expect(outcomes.reduce((n, o) => n + o.restarted, 0)).toBe(1);
    expect(await successorsOf(old.id)).toHaveLength(1);
    const restartEvents = await app.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.liveId, old.id), eq(auditEvent.kind, 'live.restarted')));
    expect(restartEvents).toHaveLength(1);
    await finished(old.id);
    expect(
      await app.database.db.select().from(finishEvent).where(eq(finishEvent.liveId, old.id)),
    ).toHaveLength(1);
    // The finished record is not looked at again.
    expect((await recovery.recover()).invalid).toBe(0);
  });

  it('keeps recording the invalid live while stlink cannot open a new stream, and restarts it once it can', async () => {
    const old = await recordLive();
    await markInvalid(old.id);
    sim.stlink.access.set('chzzk', old.source, { mode: 'standby' });
    expect(await recovery.recover()).toMatchObject({ invalid: 1, restarted: 0, deferred: 1 });
    expect((await app.api.ok(api.lives.get, { params: { id: old.id } })).status).toBe('recording');
    expect(await successorsOf(old.id)).toHaveLength(0);

    sim.stlink.access.set('chzzk', old.source, null);
    expect(await recovery.recover()).toMatchObject({ restarted: 1 });
    expect(await successorsOf(old.id)).toHaveLength(1);
  });

  it('leaves an invalid live whose broadcast is over to the cleaner, and does nothing while streamq is down', async () => {
    const old = await recordLive();
    await markInvalid(old.id);
    sim.faults.streamq = { mode: 'status', status: 503 };
    expect(await recovery.recover()).toMatchObject({ restarted: 0, deferred: 1 });
    sim.faults.reset();
    sim.world.restartLive('chzzk', old.source);
    expect(await recovery.recover()).toMatchObject({ restarted: 0, deferred: 1 });
    expect((await app.api.ok(api.lives.get, { params: { id: old.id } })).status).toBe('recording');
    expect(await successorsOf(old.id)).toHaveLength(0);
  });

  it('finishes the old record of a restart interrupted after its claim (a crash before the finish was queued)', async () => {
    const old = await recordLive();
    const [row] = await app.database.db.select().from(liveTable).where(eq(liveTable.id, old.id));
    // What a replica that died right after the claim's commit leaves behind.
    const successor = await app.app
      .get(LiveRestartRepository)
      .claim(
        old.id,
        { cmd: 'finish', purge: false, by: 'recovery', at: new Date().toISOString() },
        { ...row!, id: undefined, status: 'initializing', createdAt: new Date() },
        (attempt) => `${row!.videoName}_r${attempt}`,
      );
    expect(successor).not.toBeNull();
    expect((await recovery.recover()).resumed).toBeGreaterThanOrEqual(1);
    await finished(old.id);
  });
});
