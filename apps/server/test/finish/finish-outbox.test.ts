import { randomUUID } from 'node:crypto';
import { api, FINISH_EVENT_ID_ATTRIBUTE } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseHandle } from '../../src/db/db.module';
import { finishEvent, live, platform } from '../../src/db/schema';
import { FinishOutbox } from '../../src/finish/finish-outbox';
import { SqsPublisher } from '../../src/upstream/sqs/sqs-publisher';
import { UpstreamStats } from '../../src/upstream/upstream-stats';
import { FAUXQS_CREDENTIALS, FAUXQS_REGION, type Fauxqs, startFauxqs } from '../support/fauxqs';
import { addChannel, uniqueId } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let sqs: Fauxqs;
let queueUrl: string;
let sim: Simulator;
let app: TestApp;
let outbox: FinishOutbox;

beforeAll(async () => {
  sqs = await startFauxqs();
  queueUrl = await sqs.createQueue(`vodify-${randomUUID().slice(0, 8)}`);
  sim = await startSimulator();
  app = await startTestApp({
    STREAMQ_URL: sim.url,
    SQS_QUEUE_URL: queueUrl,
    SQS_ENDPOINT: sqs.endpoint,
    SQS_REGION_NAME: FAUXQS_REGION,
    SQS_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
    SQS_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
    HTTP_TIMEOUT_MS: 2_000,
  });
  outbox = app.app.get(FinishOutbox);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sim?.close();
  await sqs?.stop();
});

async function finishedLive() {
  const ch = await addChannel(app.api, sim);
  const [pf] = await app.database.db.select().from(platform).where(eq(platform.name, 'chzzk'));
  const [row] = await app.database.db
    .insert(live)
    .values({
      channelId: ch.id,
      platformId: pf!.id,
      sourceId: '1',
      liveTitle: 't',
      fsName: 'fs1',
      videoName: uniqueId('v'),
      status: 'deleted',
    })
    .returning();
  return { live: row!, channel: ch };
}

describe('the finish-event outbox', () => {
  it('publishes exactly the contract body to SQS, with the event id as a message attribute', async () => {
    const { live: l, channel } = await finishedLive();
    const body = {
      status: 'complete',
      platform: 'chzzk',
      uid: channel.sourceId,
      videoName: l.videoName,
      fsName: 'fs1',
    } as const;
    expect(await app.database.db.transaction((tx) => outbox.enqueue(tx, l.id, body))).toBe(true);
    expect(
      await app.database.db.transaction((tx) => outbox.enqueue(tx, l.id, { ...body, status: 'canceled' })),
    ).toBe(false);

    expect(await outbox.relay()).toMatchObject({ sent: 1, failed: 0 });
    const messages = await sqs.drain(queueUrl);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.Body!)).toEqual(body);
    expect(Object.keys(JSON.parse(messages[0]!.Body!))).toEqual([
      'status',
      'platform',
      'uid',
      'videoName',
      'fsName',
    ]);
    const [event] = await app.database.db.select().from(finishEvent).where(eq(finishEvent.liveId, l.id));
    expect(messages[0]!.MessageAttributes?.[FINISH_EVENT_ID_ATTRIBUTE]?.StringValue).toBe(event!.id);
    expect(event).toMatchObject({ status: 'sent', attempts: 0 });
    expect((await outbox.relay()).due).toBe(0);
  });

  it('keeps an event it cannot publish, backs off, shows it in the backlog and sends it later', async () => {
    const { live: l, channel } = await finishedLive();
    const body = {
      status: 'canceled',
      platform: 'chzzk',
      uid: channel.sourceId,
      videoName: l.videoName,
      fsName: 'fs1',
    } as const;
    await app.database.db.transaction((tx) => outbox.enqueue(tx, l.id, body));
    const unreachable = new FinishOutbox(
      app.app.get(DatabaseHandle),
      new SqsPublisher(app.config.with({ SQS_ENDPOINT: 'http://127.0.0.1:1' }), app.app.get(UpstreamStats)),
    );
    expect(await unreachable.relay()).toMatchObject({ sent: 0, failed: 1 });
    const backlog = await app.api.ok(api.finishEvents.backlog);
    expect(backlog).toMatchObject({ pending: 1, retrying: 1 });
    expect(backlog.oldestPendingAt).not.toBeNull();

    // Due again once its back-off has passed.
    await app.database.db
      .update(finishEvent)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(finishEvent.liveId, l.id));
    expect(await outbox.relay()).toMatchObject({ sent: 1 });
    expect((await sqs.drain(queueUrl)).map((m) => JSON.parse(m.Body!))).toEqual([body]);
    expect(await app.api.ok(api.finishEvents.backlog)).toMatchObject({ pending: 0, retrying: 0 });
  });

  it('keeps the event when the live row is purged: it still has to reach post-processing', async () => {
    const { live: l, channel } = await finishedLive();
    await app.database.db.transaction((tx) =>
      outbox.enqueue(tx, l.id, {
        status: 'complete',
        platform: 'chzzk',
        uid: channel.sourceId,
        videoName: l.videoName,
        fsName: 'fs1',
      }),
    );
    await app.database.db.delete(live).where(eq(live.id, l.id));
    expect(await outbox.relay()).toMatchObject({ sent: 1 });
    expect(await sqs.drain(queueUrl)).toHaveLength(1);
  });

  it('refuses to publish a body outside the contract', async () => {
    await expect(
      app.app.get(SqsPublisher).publish('x', {
        status: 'complete',
        platform: 'chzzk',
        uid: 'u',
        videoName: 'v',
        fsName: 'f',
        extra: 1,
      }),
    ).rejects.toThrow();
  });
});
