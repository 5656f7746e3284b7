import { api, type LiveDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent, finishEvent, live as liveTable } from '../../src/db/schema';
import { LiveCleaner } from '../../src/live/live-cleaner';
import { LiveDetector } from '../../src/live/live-detector';
import { LiveRecovery } from '../../src/live/live-recovery';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let cleaner: LiveCleaner;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 1_000,
    RECNODE_HEALTH_TIMEOUT_MS: 300,
    // The finishing jobs need the workers; the loops under test are driven by the tests.
    SCHEDULER_ENABLED: true,
    LIVE_CLEANUP_INTERVAL_MS: 600_000,
    LIVE_RECOVERY_INTERVAL_MS: 600_000,
    LIVE_DETECT_FOLLOWED_INTERVAL_MS: 600_000,
    LIVE_RECOVERY_INIT_WAIT_SEC: 0,
    LIVE_FINISH_TIMEOUT_SEC: 10,
  });
  cleaner = app.app.get(LiveCleaner);
  await registerFleet(app.api, sim);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.faults.reset();
  sim.stlink.access.reset();
  for (const n of sim.nodes.all()) n.revive();
});

async function recordLive(followed = false): Promise<LiveDto & { source: string }> {
  const source = uniqueId('bc');
  sim.world.addChannel({ platform: 'chzzk', sourceId: source, username: `Broadcast ${source}` });
  if (followed) {
    await app.api.ok(api.channels.create, {
      body: { platformName: 'chzzk', sourceId: source, isFollowed: true },
    });
  }
  sim.world.startLive('chzzk', source, { title: 'on air' });
  const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId: source } });
  await waitFor(
    async () => ((await app.api.ok(api.lives.get, { params: { id: dto.id } })).segments?.success ?? 0) >= 2,
    { what: 'segments recorded' },
  );
  return { ...dto, source };
}

const liveOf = (id: string) => app.api.ok(api.lives.get, { params: { id } });
const eventsOf = (id: string, kind: string) =>
  app.database.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.liveId, id), eq(auditEvent.kind, kind)));

async function finished(id: string) {
  return waitFor(async () => ((await liveOf(id)).status === 'deleted' ? liveOf(id) : undefined), {
    timeoutMs: 20_000,
    what: `live ${id} finished`,
  });
}

async function outboxOf(id: string) {
  const [event] = await app.database.db.select().from(finishEvent).where(eq(finishEvent.liveId, id));
  return event;
}

describe('telling an unavailable stream, an ended and a restarted broadcast apart', () => {
  it('unavailable: keeps the live and its recorders, audits the outage once, and its end once', async () => {
    const live = await recordLive();
    sim.streams.drop('chzzk', live.source, 404);
    sim.stlink.access.set('chzzk', live.source, { mode: 'standby' });
    for (let cycle = 0; cycle < 3; cycle++) {
      const outcome = await cleaner.clean();
      expect(outcome.ended + outcome.restarted).toBe(0);
      expect(outcome.unavailable).toBeGreaterThanOrEqual(1);
    }
    const kept = await liveOf(live.id);
    expect(kept.status).toBe('recording');
    expect(kept.streamUnavailableSince).not.toBeNull();
    expect(kept.nodes.map((n) => n.id).sort()).toEqual(live.nodes.map((n) => n.id).sort());
    const outage = await eventsOf(live.id, 'live.stream_unavailable');
    expect(outage).toHaveLength(1);
    expect(outage[0]!.message).toContain('stlink cannot open');
    expect(await eventsOf(live.id, 'live.finishing')).toHaveLength(0);

    sim.streams.drop('chzzk', live.source, null);
    sim.stlink.access.set('chzzk', live.source, null);
    await cleaner.clean();
    await cleaner.clean();
    expect((await liveOf(live.id)).streamUnavailableSince).toBeNull();
    expect(await eventsOf(live.id, 'live.stream_available')).toHaveLength(1);
    expect(await eventsOf(live.id, 'live.stream_unavailable')).toHaveLength(1);
  });

  it('ended: finishes the live and writes SQS complete', async () => {
    const live = await recordLive();
    sim.world.endLive('chzzk', live.source);
    expect((await cleaner.clean()).ended).toBeGreaterThanOrEqual(1);
    await finished(live.id);
    expect((await outboxOf(live.id))?.body).toMatchObject({ status: 'complete', videoName: live.videoName });
    const [row] = await app.database.db.select().from(liveTable).where(eq(liveTable.id, live.id));
    expect(row?.finishRequest).toMatchObject({ cmd: 'finish', by: 'cleaner' });
  });

  it('restarted: finishes the old live, and detection records the new broadcast on a freshly resolved stream', async () => {
    const live = await recordLive(true);
    const next = sim.world.restartLive('chzzk', live.source);
    expect((await cleaner.clean()).restarted).toBeGreaterThanOrEqual(1);
    await finished(live.id);
    expect((await outboxOf(live.id))?.body).toMatchObject({ status: 'complete' });

    expect((await app.app.get(LiveDetector).detectFollowed([live.channel.id])).registered).toBe(1);
    const [fresh] = (await app.api.ok(api.lives.list, { query: { segments: 'false' } })).filter(
      (l) => l.channel.sourceId === live.source,
    );
    expect(fresh).toMatchObject({ status: 'recording', sourceId: String(next.liveId) });
    expect(fresh!.stream?.sourceId).toBe(String(next.liveId));
    expect(fresh!.liveStreamId).not.toBe(live.liveStreamId);
  });

  it('unknown: a platform that fails or does not answer in time ends nothing', async () => {
    const live = await recordLive();
    sim.world.endLive('chzzk', live.source);
    for (const fault of [{ mode: 'status', status: 503 } as const, { mode: 'hang' } as const]) {
      sim.faults.streamq = fault;
      const outcome = await cleaner.clean();
      expect(outcome.ended + outcome.restarted).toBe(0);
      expect(outcome.unknown).toBeGreaterThanOrEqual(1);
    }
    expect((await liveOf(live.id)).status).toBe('recording');
    expect(await eventsOf(live.id, 'live.finishing')).toHaveLength(0);
    sim.faults.reset();
    await cleaner.clean();
    await finished(live.id);
  });

  it('recovery does not finish a live whose every node failed: it replaces them', async () => {
    const live = await recordLive();
    for (const node of live.nodes) sim.nodes.must(node.name).kill('reset');
    const outcome = await app.app.get(LiveRecovery).check();
    expect(outcome.failed).toBeGreaterThanOrEqual(2);
    const after = await liveOf(live.id);
    expect(after.status).toBe('recording');
    expect(after.nodes).toHaveLength(2);
    expect(after.nodes.map((n) => n.id)).not.toContain(live.nodes[0]!.id);
    expect(after.nodes.map((n) => n.id)).not.toContain(live.nodes[1]!.id);
    expect(await eventsOf(live.id, 'live.finishing')).toHaveLength(0);
  });
});
