import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { api, FINISH_EVENT_ID_ATTRIBUTE, LIVES_KEY, type RecordingDto } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import Redis from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAnswer } from '../support/api-client';
import { TEST_REDIS_URL } from '../support/env';
import { FAUXQS_CREDENTIALS, FAUXQS_REGION, type Fauxqs, startFauxqs } from '../support/fauxqs';
import { registerFleet } from '../support/fleet';
import { freePort, SERVER_MAIN, ServerProcess } from '../support/server-process';
import { deleteRedisPrefix } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

const LIVES = 200;
const NOTHING_RECORDED = 10;
const KILLS = 30;
const GRACE_SEC = 5;
// The recnode Redis database of this file alone: its clean-up runs with a grace of seconds.
const RECNODE_DB = 6;

type Ending = 'finish' | 'cancel' | 'ended';
interface Subject {
  id: string;
  sourceId: string;
  videoName: string;
  ending: Ending;
}

let sqs: Fauxqs;
let queueUrl: string;
let sim: Simulator;
let db: TestDatabase;
let server: ServerProcess;
const prefix = `recflow_test_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  sqs = await startFauxqs();
  queueUrl = await sqs.createQueue(`vodify-${randomUUID().slice(0, 8)}`);
  sim = await startSimulator({
    nodes: 4,
    groups: 2,
    timeScale: 1,
    redis: { url: TEST_REDIS_URL, db: RECNODE_DB },
  });
  db = await createTestDatabase();
  server = new ServerProcess(
    {
      ...sim.recflowEnv(),
      DATABASE_URL: db.url,
      SERVER_REDIS_URL: TEST_REDIS_URL,
      SERVER_REDIS_PREFIX: prefix,
      SQS_QUEUE_URL: queueUrl,
      SQS_ENDPOINT: sqs.endpoint,
      SQS_REGION_NAME: FAUXQS_REGION,
      SQS_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
      SQS_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
      HTTP_TIMEOUT_MS: '5000',
      LIVE_FINISH_TIMEOUT_SEC: '5',
      LIVE_CLEANUP_INTERVAL_MS: '500',
      FINISH_RELAY_INTERVAL_MS: '200',
      LIVE_STATE_CLEANUP_INTERVAL_MS: '500',
      LIVE_STATE_CLEANUP_GRACE_SEC: String(GRACE_SEC),
      LIVE_STATE_CLEANUP_BATCH_SIZE: '100',
      // Every live keeps the two nodes it was registered on: this test is about finishing.
      LIVE_ALLOCATION_INIT_WAIT_SEC: '3600',
      LIVE_RECOVERY_INIT_WAIT_SEC: '3600',
      LIVE_DETECT_FOLLOWED_INTERVAL_MS: '600000',
      LIVE_DETECT_CRITERIA_INTERVAL_MS: '600000',
    },
    await freePort(),
    // Restarts share two cores with 400 simulated recorders (and, in CI, other test files).
    120_000,
  );
  await server.start();
  await registerFleet(server.client, sim, LIVES);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  await sqs?.stop();
  await db?.drop();
  await deleteRedisPrefix(TEST_REDIS_URL, prefix);
}, 120_000);

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Calls the API like an operator whose request may hit a dead server: again until it answers. */
async function persist<T>(call: () => Promise<ApiAnswer<T>>): Promise<ApiAnswer<T>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const answer = await call().catch(() => undefined);
    if (answer && answer.status < 500) return answer;
    if (Date.now() > deadline) throw new Error(`no answer: ${JSON.stringify(answer?.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

async function registerLives(): Promise<Subject[]> {
  const endings: Ending[] = ['finish', 'cancel', 'ended'];
  return mapBounded(
    Array.from({ length: LIVES }, (_, i) => i),
    12,
    async (i) => {
      const sourceId = `fc${i}`;
      sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Finish crash ${i}` });
      sim.world.startLive('chzzk', sourceId, { title: `crash ${i}` });
      const live = await server.client.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId } });
      expect(live.nodes).toHaveLength(2);
      return { id: live.id, sourceId, videoName: live.videoName, ending: endings[i % 3]! };
    },
  );
}

/** Lives whose nodes all went before a segment came: `recording`, never bound, nothing in Redis. */
async function silentLives(): Promise<Subject[]> {
  const subjects: Subject[] = [];
  for (let i = 0; i < NOTHING_RECORDED; i++) {
    const sourceId = `fcsilent${i}`;
    sim.world.addChannel({ platform: 'chzzk', sourceId, username: `Silent ${i}` });
    const channel = await server.client.ok(api.channels.create, {
      body: { platformName: 'chzzk', sourceId },
    });
    const videoName = `silent_${i}`;
    const [row] = await query<{ id: string }>(
      `insert into live (channel_id, platform_id, source_id, live_title, fs_name, video_name, status)
       select id, platform_id, 'gone', 'silent', 'local', $2, 'recording' from channel where id = $1
       returning id`,
      [channel.id, videoName],
    );
    subjects.push({ id: row!.id, sourceId, videoName, ending: 'ended' });
  }
  return subjects;
}

function end(subject: Subject): Promise<unknown> {
  if (subject.ending === 'ended') {
    if (sim.world.channel('chzzk', subject.sourceId)?.live) sim.world.endLive('chzzk', subject.sourceId);
    return Promise.resolve();
  }
  const cmd = subject.ending;
  return persist(() => server.client.call(api.lives.remove, { body: { recordId: subject.id, cmd } })).then(
    (answer) => {
      // 200 while it finishes; 409 when a retried request finds it finished already.
      expect([200, 409]).toContain(answer.status);
    },
  );
}

async function recnodeKeys(redis: Redis, ids: Set<string>): Promise<string[]> {
  const left: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'live:*', 'COUNT', 5000);
    left.push(...keys.filter((k) => ids.has(k.split(':')[1]!)));
    cursor = next;
  } while (cursor !== '0');
  return left;
}

describe.runIf(existsSync(SERVER_MAIN))('a server killed while lives finish', () => {
  it(`sends each recorded live's finish event, and cleans every recording state, across ${KILLS} kills`, async () => {
    const started = Date.now();
    const recorded = await registerLives();
    const silent = await silentLives();
    const subjects = [...recorded, ...silent];
    const registeredAt = Date.now();

    // Finish, cancel and end broadcasts in waves, killing the server at a random moment of each.
    const order = [...subjects].sort(() => Math.random() - 0.5);
    const perWave = Math.ceil(order.length / KILLS);
    const requests: Array<Promise<unknown>> = [];
    for (let k = 0; k < KILLS; k++) {
      requests.push(...order.slice(k * perWave, (k + 1) * perWave).map(end));
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 1_400)));
      await server.kill();
      await server.start();
    }
    await Promise.all(requests);
    const killedUntil = Date.now();

    // Left running until quiet: every live ended, and the outbox empty.
    const ids = subjects.map((s) => s.id);
    await waitFor(
      async () => {
        const [row] = await query<{ open: number }>(
          `select count(*)::int as open from live where id = any($1) and status <> 'deleted'`,
          [ids],
        );
        const backlog = await server.client.ok(api.finishEvents.backlog);
        return row!.open === 0 && backlog.pending === 0 && backlog.sent >= LIVES;
      },
      { timeoutMs: 150_000, intervalMs: 500, what: 'every live finished and every event sent' },
    );
    const quietAt = Date.now();
    const statuses = await query<{ status: string; n: number }>(
      'select status, count(*)::int as n from live where id = any($1) group by status',
      [ids],
    );
    expect(statuses).toEqual([{ status: 'deleted', n: LIVES + NOTHING_RECORDED }]);

    const messages = (await sqs.drain(queueUrl)).map((m) => ({
      body: JSON.parse(m.Body!) as Record<string, string>,
      eventId: m.MessageAttributes?.[FINISH_EVENT_ID_ATTRIBUTE]?.StringValue,
    }));
    // A recording is named by its channel and video name (video names repeat across channels).
    const recordingKey = (uid: string, videoName: string) => `${uid}/${videoName}`;
    const byRecording = new Map<string, typeof messages>();
    for (const m of messages) {
      const key = recordingKey(m.body.uid!, m.body.videoName!);
      byRecording.set(key, [...(byRecording.get(key) ?? []), m]);
    }
    let duplicates = 0;
    let cancelDuplicates = 0;
    for (const s of recorded) {
      const got = byRecording.get(recordingKey(s.sourceId, s.videoName)) ?? [];
      expect(got.length, `events of ${s.ending} live ${s.id}`).toBeGreaterThanOrEqual(1);
      // One distinct event: the same body, the same event id, however often the relay repeated it.
      expect(new Set(got.map((m) => JSON.stringify(m.body))).size).toBe(1);
      expect(new Set(got.map((m) => m.eventId)).size).toBe(1);
      expect(got[0]!.eventId).toBeDefined();
      expect(got[0]!.body).toEqual({
        status: s.ending === 'cancel' ? 'canceled' : 'complete',
        platform: 'chzzk',
        uid: s.sourceId,
        videoName: s.videoName,
        fsName: 'local',
      });
      duplicates += got.length - 1;
      if (s.ending === 'cancel') cancelDuplicates += got.length - 1;
    }
    for (const s of silent)
      expect(
        byRecording.get(recordingKey(s.sourceId, s.videoName)),
        `events of silent live ${s.id}`,
      ).toBeUndefined();
    expect(messages).toHaveLength(LIVES + duplicates);
    // The relay marks each event sent right after publishing it: only the one in flight when the
    // process dies can go out twice.
    expect(duplicates).toBeLessThanOrEqual(KILLS);
    expect(cancelDuplicates).toBeLessThanOrEqual(KILLS);

    // The grace period later, the recnode Redis holds nothing of any of these lives.
    const recnode = new Redis(TEST_REDIS_URL, { db: RECNODE_DB });
    try {
      const idSet = new Set(ids);
      await waitFor(async () => (await recnodeKeys(recnode, idSet)).length === 0, {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'every recording state of a finished live cleaned',
      });
      const indexed = await recnode.zrange(LIVES_KEY, 0, -1);
      expect(indexed.filter((id) => idSet.has(id))).toEqual([]);
    } finally {
      recnode.disconnect();
    }
    const cleanAt = Date.now();

    // Every recording carries its loss report and outcome.
    const recordings: RecordingDto[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await server.client.ok(api.recordings.list, { query: { limit: 200, offset } });
      recordings.push(...page.items);
      if (recordings.length >= page.total) break;
    }
    const byId = new Map(recordings.map((r) => [r.liveId, r]));
    for (const s of recorded) {
      const r = byId.get(s.id)!;
      expect(r.outcome).toBe(s.ending === 'cancel' ? 'canceled' : 'complete');
      expect(r.endedBy).toBe(s.ending === 'ended' ? 'cleaner' : 'operator');
      expect(r.nodes).toHaveLength(2);
      expect(r.segments).not.toBeNull();
    }
    for (const s of silent) {
      expect(byId.get(s.id)).toMatchObject({ outcome: 'nothing_recorded', endedBy: 'cleaner', nodes: [] });
      // They never had a recording state in the recnode Redis: there was nothing to report.
      expect(byId.get(s.id)!.segments).toBeNull();
    }
    const lost = recordings.reduce((n, r) => n + (r.segments?.missing ?? 0), 0);
    const ok = recordings.reduce((n, r) => n + (r.segments?.ok ?? 0), 0);

    console.log(
      [
        `finish crash: ${LIVES} recorded + ${NOTHING_RECORDED} silent lives, ${KILLS} SIGKILLs`,
        `  registration ${((registeredAt - started) / 1000).toFixed(1)} s, kills ${((killedUntil - registeredAt) / 1000).toFixed(1)} s,` +
          ` quiet after ${((quietAt - killedUntil) / 1000).toFixed(1)} s, states cleaned ${((cleanAt - quietAt) / 1000).toFixed(1)} s later`,
        `  SQS messages ${messages.length}: ${LIVES} distinct, ${duplicates} duplicates (${cancelDuplicates} of cancels), all with their event id`,
        `  segments recorded ${ok}, missing ${lost}`,
      ].join('\n'),
    );
  }, 900_000);

  it('finishes a live left finalizing without its job, as a crash between the two leaves it', async () => {
    sim.world.addChannel({ platform: 'chzzk', sourceId: 'fcorphan', username: 'Orphaned finish' });
    const channel = await server.client.ok(api.channels.create, {
      body: { platformName: 'chzzk', sourceId: 'fcorphan' },
    });
    const requestedAt = new Date(Date.now() - 60_000).toISOString();
    const [row] = await query<{ id: string }>(
      `insert into live (channel_id, platform_id, source_id, live_title, fs_name, video_name, status, finish_request)
       select id, platform_id, 'gone', 'orphaned finish', 'local', 'orphan_1', 'finalizing', $2 from channel where id = $1
       returning id`,
      [channel.id, { cmd: 'cancel', purge: false, by: 'operator', at: requestedAt }],
    );
    await waitFor(
      async () =>
        (await query<{ status: string }>('select status from live where id = $1', [row!.id]))[0]?.status ===
        'deleted',
      { timeoutMs: 60_000, intervalMs: 250, what: 'the orphaned finish resumed' },
    );
  }, 90_000);
});
