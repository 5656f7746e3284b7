import { randomUUID } from 'node:crypto';
import { api, FINISH_EVENT_ID_ATTRIBUTE, type LiveDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live as liveTable, platform } from '../../src/db/schema';
import { LiveFinisher } from '../../src/live/live-finisher';
import { FAUXQS_CREDENTIALS, FAUXQS_REGION, type Fauxqs, startFauxqs } from '../support/fauxqs';
import { addChannel, uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sqs: Fauxqs;
let queueUrl: string;
let sim: Simulator;
let app: TestApp;
const received: Array<{ body: Record<string, string>; eventId: string | undefined }> = [];

beforeAll(async () => {
  sqs = await startFauxqs();
  queueUrl = await sqs.createQueue(`vodify-${randomUUID().slice(0, 8)}`);
  sim = await startSimulator({ nodes: 4, groups: 2, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    SQS_QUEUE_URL: queueUrl,
    SQS_ENDPOINT: sqs.endpoint,
    SQS_REGION_NAME: FAUXQS_REGION,
    SQS_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
    SQS_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
    HTTP_TIMEOUT_MS: 1_000,
    SCHEDULER_ENABLED: true,
    FINISH_RELAY_INTERVAL_MS: 200,
    LIVE_CLEANUP_INTERVAL_MS: 500,
    LIVE_FINISH_TIMEOUT_SEC: 10,
  });
  await registerFleet(app.api, sim);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
  await sqs?.stop();
});

async function messages() {
  for (const m of await sqs.drain(queueUrl)) {
    received.push({
      body: JSON.parse(m.Body!),
      eventId: m.MessageAttributes?.[FINISH_EVENT_ID_ATTRIBUTE]?.StringValue,
    });
  }
  return received;
}

async function recordLive(): Promise<LiveDto & { source: string }> {
  const source = uniqueId('fin');
  sim.world.addChannel({ platform: 'chzzk', sourceId: source, username: `Finished ${source}` });
  sim.world.startLive('chzzk', source, { title: 'to be finished' });
  const dto = await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId: source } });
  await waitFor(
    async () => ((await app.api.ok(api.lives.get, { params: { id: dto.id } })).segments?.success ?? 0) >= 2,
    {
      what: 'segments recorded',
    },
  );
  return { ...dto, source };
}

async function finishedState(id: string) {
  return waitFor(
    async () => {
      const live = await app.api.call(api.lives.get, { params: { id } });
      return live.status === 200 && live.body.status === 'deleted' ? live.body : undefined;
    },
    { timeoutMs: 20_000, what: 'the live finished' },
  );
}

describe('finishing a live', () => {
  it('finish: stops the recorders, waits for their uploads, then sends SQS complete exactly once', async () => {
    const live = await recordLive();
    const answer = await app.api.call(api.lives.remove, { body: { recordId: live.id, cmd: 'finish' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ finishing: true, live: { status: 'finalizing' } });
    const again = await app.api.ok(api.lives.remove, { body: { recordId: live.id, cmd: 'finish' } });
    expect(again.finishing).toBe(true);

    const done = await finishedState(live.id);
    expect(done.nodes).toEqual([]);
    for (const node of live.nodes) expect(sim.nodes.must(node.name).recordingIds()).not.toContain(live.id);
    const sent = await waitFor(
      async () => (await messages()).filter((m) => m.body.videoName === live.videoName).at(0),
      {
        what: 'the SQS message',
      },
    );
    expect(sent.body).toEqual({
      status: 'complete',
      platform: 'chzzk',
      uid: live.source,
      videoName: live.videoName,
      fsName: 'local',
    });
    expect(sent.eventId).toBeDefined();
    expect((await messages()).filter((m) => m.body.videoName === live.videoName)).toHaveLength(1);
    const { items } = await app.api.ok(api.recordings.list, { query: { q: live.source } });
    expect(items.find((r) => r.liveId === live.id)).toMatchObject({ nodesGivenUp: [] });
  });

  it('cancel sends canceled', async () => {
    const live = await recordLive();
    await app.api.ok(api.lives.remove, { body: { recordId: live.id, cmd: 'cancel' } });
    await finishedState(live.id);
    const sent = await waitFor(
      async () => (await messages()).find((m) => m.body.videoName === live.videoName),
      { what: 'the message' },
    );
    expect(sent.body.status).toBe('canceled');
  });

  it('waits out the timeout for a dead node, then completes, publishes and names the node given up on', async () => {
    const live = await recordLive();
    const dead = live.nodes[0]!.name;
    sim.nodes.must(dead).kill('reset');
    try {
      // A node that does not answer may still be uploading: only the timeout ends the wait for it.
      const requested = Date.now();
      await app.api.ok(api.lives.remove, { body: { recordId: live.id, cmd: 'finish' } });
      await finishedState(live.id);
      expect(Date.now() - requested).toBeGreaterThanOrEqual(app.config.values.LIVE_FINISH_TIMEOUT_SEC * 1000);
      const sent = await waitFor(
        async () => (await messages()).find((m) => m.body.videoName === live.videoName),
        { what: 'the message' },
      );
      expect(sent.body.status).toBe('complete');
      const events = await app.api.ok(api.audit.ofLive, { params: { id: live.id } });
      expect(events.find((e) => e.kind === 'live.finished')).toMatchObject({
        message: expect.stringContaining(`gave up waiting for the uploads of ${dead}`),
        details: { nodesGivenUp: [dead] },
      });
      const { items } = await app.api.ok(api.recordings.list, { query: { q: live.source } });
      expect(items.find((r) => r.liveId === live.id)?.nodesGivenUp).toEqual([dead]);
      await waitFor(
        () => sim.untf.find(`Gave up waiting for uploads: live_id=${live.id}, nodes=${dead}`).length === 1,
        { what: 'the notice' },
      );
    } finally {
      sim.nodes.must(dead).revive();
    }
  });

  it('ends a live on its own when the broadcast ends, and sends complete', async () => {
    const live = await recordLive();
    sim.world.endLive('chzzk', live.source);
    await finishedState(live.id);
    const sent = await waitFor(
      async () => (await messages()).find((m) => m.body.videoName === live.videoName),
      { what: 'the message' },
    );
    expect(sent.body.status).toBe('complete');
    const events = await app.api.ok(api.audit.ofLive, { params: { id: live.id } });
    expect(events.find((e) => e.kind === 'live.finishing')?.message).toContain('cleaner');
  });

  it('answers 409 for a live that is not active any more', async () => {
    const live = await recordLive();
    await app.api.ok(api.lives.remove, { body: { recordId: live.id, cmd: 'finish', isPurge: true } });
    await waitFor(
      async () => (await app.api.call(api.lives.get, { params: { id: live.id } })).status === 404,
      { timeoutMs: 20_000 },
    );
    const sent = await waitFor(
      async () => (await messages()).find((m) => m.body.videoName === live.videoName),
      { what: 'the message of a purged live' },
    );
    expect(sent.body.status).toBe('complete');
    const other = await recordLive();
    await app.api.ok(api.lives.remove, { body: { recordId: other.id, cmd: 'cancel' } });
    await finishedState(other.id);
    expect(
      (await app.api.call(api.lives.remove, { body: { recordId: other.id, cmd: 'finish' } })).status,
    ).toBe(409);
  });
});

describe('a finish that gives up', () => {
  it('keeps the live finalizing with the reason, and tells an operator', async () => {
    const ch = await addChannel(app.api, sim);
    const [pf] = await app.database.db.select().from(platform).where(eq(platform.name, 'chzzk'));
    const [stuck] = await app.database.db
      .insert(liveTable)
      .values({
        channelId: ch.id,
        platformId: pf!.id,
        sourceId: '9',
        liveTitle: 'stuck',
        fsName: 'local',
        videoName: uniqueId('v'),
        status: 'finalizing',
        finishRequest: { cmd: 'finish', purge: false, by: 'operator', at: new Date().toISOString() },
      })
      .returning();
    sim.untf.clear();
    await app.app.get(LiveFinisher).giveUp(stuck!.id, 'the database kept failing');
    const kept = await app.api.ok(api.lives.get, { params: { id: stuck!.id } });
    expect(kept).toMatchObject({
      status: 'finalizing',
      failureReason: expect.stringContaining('the database kept failing'),
    });
    await waitFor(() => sim.untf.find(`Failed to finish live: live_id=${stuck!.id}`).length === 1, {
      what: 'the alert',
    });
  });
});
