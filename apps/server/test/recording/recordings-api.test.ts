import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { api, type ChannelDto, type PlatformName, type RecordingQueryInput } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinishRequest } from '../../src/db/schema';
import { finishEvent, live, platform, recordingReport } from '../../src/db/schema';
import { FAUXQS_CREDENTIALS, FAUXQS_REGION, type Fauxqs, startFauxqs } from '../support/fauxqs';
import { addChannel, uniqueId } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let s3: Fauxqs;
let s3Client: S3Client;
let sim: Simulator;
let app: TestApp;
let unconfigured: TestApp;
const bucket = `recordings-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  s3 = await startFauxqs();
  s3Client = new S3Client({
    region: FAUXQS_REGION,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: FAUXQS_CREDENTIALS,
  });
  await s3Client.send(new CreateBucketCommand({ Bucket: bucket }));
  sim = await startSimulator();
  const s3Settings = {
    S3_BUCKET: bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION_NAME: FAUXQS_REGION,
    S3_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
    S3_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
  };
  app = await startTestApp({ STREAMQ_URL: sim.url, HTTP_TIMEOUT_MS: 2_000, ...s3Settings });
  unconfigured = await startTestApp({ STREAMQ_URL: sim.url });
}, 60_000);

afterAll(async () => {
  s3Client?.destroy();
  await app?.close();
  await unconfigured?.close();
  await sim?.close();
  await s3?.stop();
});

interface LiveSpec {
  title?: string;
  status?: 'recording' | 'deleted' | 'failed' | 'finalizing';
  endedMinutesAgo?: number;
  event?: 'complete' | 'canceled';
  sent?: boolean;
  by?: FinishRequest['by'];
  report?: { ok: number; missing: number[] };
}

/** A live row as the finisher leaves it: ended, with its finish request, outbox event and report. */
async function insertLive(target: TestApp, channel: ChannelDto, spec: LiveSpec = {}) {
  const db = target.database.db;
  const [pf] = await db
    .select()
    .from(platform)
    .where(eq(platform.name, channel.platform.name as PlatformName));
  const endedAt = new Date(Date.now() - (spec.endedMinutesAgo ?? 0) * 60_000);
  const status = spec.status ?? 'deleted';
  const [row] = await db
    .insert(live)
    .values({
      channelId: channel.id,
      platformId: pf!.id,
      sourceId: uniqueId('b'),
      liveTitle: spec.title ?? 'a broadcast',
      fsName: 'local',
      videoName: uniqueId('v'),
      status,
      createdAt: new Date(endedAt.getTime() - 3_600_000),
      deletedAt: status === 'deleted' ? endedAt : null,
      finishRequest: spec.by ? { cmd: 'finish', purge: false, by: spec.by, at: endedAt.toISOString() } : null,
    })
    .returning();
  if (spec.event) {
    await db.insert(finishEvent).values({
      liveId: row!.id,
      body: {
        status: spec.event,
        platform: channel.platform.name,
        uid: channel.sourceId,
        videoName: row!.videoName,
        fsName: 'local',
      },
      status: spec.sent ? 'sent' : 'pending',
      sentAt: spec.sent ? endedAt : null,
    });
  }
  if (spec.report) {
    await db.insert(recordingReport).values({
      liveId: row!.id,
      nodes: ['n1', 'n2'],
      segmentsOk: spec.report.ok,
      segmentsFailed: 0,
      segmentsRetrying: 0,
      segmentsMissing: spec.report.missing.length,
      missingNumbers: spec.report.missing,
      takenAt: new Date(),
    });
  }
  return row!;
}

describe('GET /api/recordings', () => {
  let chzzk: ChannelDto;
  let soop: ChannelDto;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    chzzk = await addChannel(app.api, sim, { platform: 'chzzk', username: 'Percent_100% Streamer' });
    soop = await addChannel(app.api, sim, { platform: 'soop', username: 'Soop Star' });
    ids.complete = (
      await insertLive(app, chzzk, {
        title: 'Minecraft marathon',
        endedMinutesAgo: 30,
        event: 'complete',
        sent: true,
        by: 'cleaner',
        report: { ok: 1790, missing: [17, 18] },
      })
    ).id;
    ids.canceled = (
      await insertLive(app, chzzk, {
        title: 'cancelled talk',
        endedMinutesAgo: 20,
        event: 'canceled',
        by: 'operator',
      })
    ).id;
    ids.nothing = (
      await insertLive(app, soop, { title: 'a quiet one', endedMinutesAgo: 10, by: 'recovery' })
    ).id;
    ids.deleted = (await insertLive(app, soop, { title: 'forgotten', endedMinutesAgo: 40 })).id;
    // Not recordings: still running, finishing, or never started.
    await insertLive(app, soop, { title: 'on air', status: 'recording' });
    await insertLive(app, chzzk, { title: 'finishing', status: 'finalizing' });
    await insertLive(app, chzzk, { title: 'no node', status: 'failed' });
  });

  it('lists finished lives newest ended first, with outcome, finish event and loss report', async () => {
    const page = await app.api.ok(api.recordings.list);
    expect(page.total).toBe(4);
    expect(page.items.map((r) => r.liveId)).toEqual([ids.nothing, ids.canceled, ids.complete, ids.deleted]);
    const complete = page.items[2]!;
    expect(complete).toMatchObject({
      title: 'Minecraft marathon',
      channel: {
        id: chzzk.id,
        platform: 'chzzk',
        sourceId: chzzk.sourceId,
        username: 'Percent_100% Streamer',
      },
      durationSec: 3600,
      nodes: ['n1', 'n2'],
      segments: { ok: 1790, failed: 0, retrying: 0, missing: 2, missingNumbers: [17, 18] },
      outcome: 'complete',
      endedBy: 'cleaner',
      finishEvent: { status: 'complete', sentAt: complete.endedAt },
    });
    expect(page.items[1]).toMatchObject({
      outcome: 'canceled',
      endedBy: 'operator',
      finishEvent: { status: 'canceled', sentAt: null },
      segments: null,
    });
    expect(page.items[0]).toMatchObject({
      outcome: 'nothing_recorded',
      endedBy: 'recovery',
      finishEvent: null,
    });
    // Deleted by an operator without a finish (metadata only).
    expect(page.items[3]).toMatchObject({ outcome: 'nothing_recorded', endedBy: 'operator', nodes: [] });
  });

  it('filters by platform, channel, outcome and text, and pages with a stable total', async () => {
    const list = (query: RecordingQueryInput) => app.api.ok(api.recordings.list, { query });
    expect((await list({ platform: 'soop' })).items.map((r) => r.liveId)).toEqual([ids.nothing, ids.deleted]);
    expect((await list({ channelId: chzzk.id })).total).toBe(2);
    expect((await list({ outcome: 'complete' })).items.map((r) => r.liveId)).toEqual([ids.complete]);
    expect((await list({ outcome: 'canceled' })).items.map((r) => r.liveId)).toEqual([ids.canceled]);
    expect((await list({ outcome: 'nothing_recorded' })).total).toBe(2);
    expect((await list({ q: 'MINECRAFT' })).items.map((r) => r.liveId)).toEqual([ids.complete]);
    expect((await list({ q: 'soop st' })).total).toBe(2);
    // `%` and `_` are matched literally.
    expect((await list({ q: '100%' })).total).toBe(2);
    expect((await list({ q: '%' })).total).toBe(2);
    expect((await list({ q: 'nt_1' })).total).toBe(2);
    expect((await list({ q: 'n_1' })).total).toBe(0);
    const first = await list({ limit: 3 });
    const second = await list({ limit: 3, offset: 3 });
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect([...first.items, ...second.items].map((r) => r.liveId)).toEqual([
      ids.nothing,
      ids.canceled,
      ids.complete,
      ids.deleted,
    ]);
  });

  it('answers a page with one SQL statement and its total with one more', async () => {
    const before = app.database.stats.statements;
    await app.api.ok(api.recordings.list, { query: { q: 'a', outcome: 'complete', platform: 'chzzk' } });
    expect(app.database.stats.statements - before).toBe(2);
  });

  it('rejects bad queries with problem+json naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['offset=-1', 'query.offset'],
      ['channelId=nope', 'query.channelId'],
      ['outcome=lost', 'query.outcome'],
      ['platform=twitch', 'query.platform'],
      ['sort=title', 'query'],
    ] as const) {
      const answer = await app.api.raw('GET', `/api/recordings?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      expect(JSON.stringify((answer.body as { errors: unknown[] }).errors)).toContain(field);
    }
  });
});

describe('GET /api/recordings/:liveId/objects', () => {
  async function put(key: string, size: number) {
    await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.alloc(size, 1) }));
  }

  it("lists the objects under the live's upload prefix, and nothing beside it", async () => {
    const channel = await addChannel(app.api, sim, { platform: 'chzzk' });
    const row = await insertLive(app, channel, { event: 'complete' });
    const prefix = `incomplete/chzzk/${channel.sourceId}/${row.videoName}/`;
    await put(`${prefix}0.tar`, 1_024);
    await put(`${prefix}1.tar`, 2_048);
    // Same start, another recording; and another platform's copy.
    await put(`incomplete/chzzk/${channel.sourceId}/${row.videoName}_2/0.tar`, 10);
    await put(`incomplete/soop/${channel.sourceId}/${row.videoName}/0.tar`, 10);

    const answer = await app.api.ok(api.recordings.objects, { params: { liveId: row.id } });
    expect(answer).toMatchObject({ configured: true, bucket, prefix });
    expect(answer.objects.map((o) => [o.key, o.size])).toEqual([
      [`${prefix}0.tar`, 1_024],
      [`${prefix}1.tar`, 2_048],
    ]);
    for (const o of answer.objects) expect(Date.now() - Date.parse(o.lastModified)).toBeLessThan(600_000);
  });

  it('answers an empty list for a recording that uploaded nothing', async () => {
    const channel = await addChannel(app.api, sim, { platform: 'soop' });
    const row = await insertLive(app, channel);
    const answer = await app.api.ok(api.recordings.objects, { params: { liveId: row.id } });
    expect(answer).toEqual({
      configured: true,
      bucket,
      prefix: `incomplete/soop/${channel.sourceId}/${row.videoName}/`,
      objects: [],
    });
  });

  it('is 404 for an unknown live and for one that has not finished, 400 for a bad id', async () => {
    const unknown = await app.api.call(api.recordings.objects, { params: { liveId: randomUUID() } });
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
    const channel = await addChannel(app.api, sim);
    const running = await insertLive(app, channel, { status: 'recording' });
    const active = await app.api.call(api.recordings.objects, { params: { liveId: running.id } });
    expect(active.status).toBe(404);
    expect((active.body as unknown as { detail: string }).detail).toContain('recording');
    expect((await app.api.raw('GET', '/api/recordings/not-a-uuid/objects')).status).toBe(400);
  });

  it('says the listing is not configured when S3_BUCKET is not set', async () => {
    const channel = await addChannel(unconfigured.api, sim, { platform: 'chzzk' });
    const row = await insertLive(unconfigured, channel);
    expect(await unconfigured.api.ok(api.recordings.objects, { params: { liveId: row.id } })).toEqual({
      configured: false,
      bucket: null,
      prefix: `incomplete/chzzk/${channel.sourceId}/${row.videoName}/`,
      objects: [],
    });
  });

  it('is 502 naming S3 when S3 cannot be reached', async () => {
    const channel = await addChannel(app.api, sim);
    const row = await insertLive(app, channel);
    await s3.stop();
    const answer = await app.api.call(api.recordings.objects, { params: { liveId: row.id } });
    expect(answer.status).toBe(502);
    expect(answer.contentType).toContain('application/problem+json');
    expect((answer.body as unknown as { detail: string }).detail).toMatch(/^s3: listing s3:\/\//);
  });
});
