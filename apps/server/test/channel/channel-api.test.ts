import { api, MAX_TAGS_PER_CHANNEL, PROBLEM_CONTENT_TYPE } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { live, platform } from '../../src/db/schema';
import { addChannel, uniqueId } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ STREAMQ_URL: sim.url, HTTP_TIMEOUT_MS: 500 });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => sim.faults.reset());

async function channelCount(): Promise<number> {
  return (await app.api.ok(api.channels.query, { query: { s: 1 } })).total;
}

describe('creating a channel', () => {
  it('fetches the profile from the platform gateway and stores tags, grade and follow state', async () => {
    sim.world.addChannel({
      platform: 'soop',
      sourceId: 'streamer01',
      username: 'Streamer One',
      followerCnt: 1234,
      profileImgUrl: 'http://img/1.png',
    });
    const created = await app.api.call(api.channels.create, {
      body: { platformName: 'soop', sourceId: 'streamer01', isFollowed: true, tagNames: ['talk', 'music'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sourceId: 'streamer01',
      username: 'Streamer One',
      followerCnt: 1234,
      profileImgUrl: 'http://img/1.png',
      isFollowed: true,
      platform: { name: 'soop' },
      grade: { name: 'none' },
    });
    expect(created.body.tags?.map((t) => t.name)).toEqual(['music', 'talk']);
  });

  it('accepts the platform by id, as the original API did', async () => {
    const platforms = await app.api.ok(api.platforms.list);
    const chzzk = platforms.find((p) => p.name === 'chzzk')!;
    const sourceId = uniqueId();
    sim.world.addChannel({ platform: 'chzzk', sourceId, username: 'By Id' });
    const created = await app.api.ok(api.channels.create, { body: { platformId: chzzk.id, sourceId } });
    expect(created.platform.id).toBe(chzzk.id);
  });

  it('answers 404 for a channel the platform does not know, and writes nothing', async () => {
    const before = await channelCount();
    const answer = await app.api.call(api.channels.create, {
      body: { platformName: 'chzzk', sourceId: 'nobody-here', tagNames: ['fresh-tag-404'] },
    });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain(PROBLEM_CONTENT_TYPE);
    expect(answer.body).toMatchObject({ status: 404, detail: expect.stringContaining('nobody-here') });
    expect(await channelCount()).toBe(before);
    const tags = await app.api.ok(api.tags.list);
    expect(tags.map((t) => t.name)).not.toContain('fresh-tag-404');
  });

  it.each([
    ['answers 500', { mode: 'status', status: 500 } as const],
    ['answers garbage', { mode: 'garbage' } as const],
    ['answers the wrong shape', { mode: 'wrong_shape' } as const],
    ['does not answer in time', { mode: 'hang' } as const],
  ])('answers 502 with a message when the gateway %s, and writes nothing', async (_label, fault) => {
    const sourceId = uniqueId();
    sim.world.addChannel({ platform: 'chzzk', sourceId, username: 'Down' });
    sim.faults.streamq = fault;
    const before = await channelCount();
    const answer = await app.api.call(api.channels.create, { body: { platformName: 'chzzk', sourceId } });
    sim.faults.reset();
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({
      detail: expect.stringMatching(/^streamq: /),
      code: expect.stringMatching(/^upstream\.streamq\./),
    });
    expect(await channelCount()).toBe(before);
  });

  it('answers 409 naming the channel when it already exists', async () => {
    const channel = await addChannel(app.api, sim, { username: 'Twice' });
    const again = await app.api.call(api.channels.create, {
      body: { platformName: 'chzzk', sourceId: channel.sourceId },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'channel.already_exists',
      detail: expect.stringContaining('Twice'),
    });
  });

  it('rejects invalid input with 400 naming every bad field', async () => {
    const answer = await app.api.raw('POST', '/api/channels', {
      platformName: 'twitch',
      sourceId: '',
      tagNames: ['a', 'a'],
      extra: 1,
    });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain(PROBLEM_CONTENT_TYPE);
    const fields = (answer.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.platformName', 'body.sourceId', 'body']));
  });

  it('answers 400 for malformed JSON', async () => {
    const answer = await app.api.raw('POST', '/api/channels', '{"platformName":', {
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'request.malformed_json' });
  });
});

describe('updating a channel', () => {
  it('changes the grade by name or by id', async () => {
    const channel = await addChannel(app.api, sim);
    const great = await app.api.ok(api.grades.create, {
      body: { name: uniqueId('great'), shouldSave: true },
    });
    const byName = await app.api.ok(api.channels.update, {
      params: { id: channel.id },
      body: { gradeName: great.name },
    });
    expect(byName.grade.id).toBe(great.id);
    const none = (await app.api.ok(api.grades.list)).find((g) => g.name === 'none')!;
    const byId = await app.api.ok(api.channels.update, {
      params: { id: channel.id },
      body: { gradeId: none.id, isFollowed: true },
    });
    expect(byId.grade.name).toBe('none');
    expect(byId.isFollowed).toBe(true);
    expect(new Date(byId.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(channel.updatedAt).getTime());
  });

  it('answers 404 for an unknown grade and an unknown channel', async () => {
    const channel = await addChannel(app.api, sim);
    const badGrade = await app.api.call(api.channels.update, {
      params: { id: channel.id },
      body: { gradeName: 'no-such-grade' },
    });
    expect(badGrade.status).toBe(404);
    const badChannel = await app.api.call(api.channels.update, {
      params: { id: '00000000-0000-4000-8000-000000000000' },
      body: { description: 'x' },
    });
    expect(badChannel.status).toBe(404);
  });
});

describe('deleting a channel', () => {
  it('deletes a channel with tags and answers with it', async () => {
    const channel = await addChannel(app.api, sim, { tagNames: ['to-go'] });
    const deleted = await app.api.ok(api.channels.remove, { params: { id: channel.id } });
    expect(deleted.id).toBe(channel.id);
    expect((await app.api.call(api.channels.get, { params: { id: channel.id } })).status).toBe(404);
  });

  it('refuses with 409 and the number of lives while recordings reference it', async () => {
    const channel = await addChannel(app.api, sim, { username: 'Recorded' });
    const db = app.database.db;
    const [pf] = await db.select().from(platform);
    await db.insert(live).values({
      channelId: channel.id,
      platformId: pf!.id,
      sourceId: '1',
      liveTitle: 'past',
      fsName: 'fs',
      videoName: '260101_000000',
      status: 'deleted',
    });
    const answer = await app.api.call(api.channels.remove, { params: { id: channel.id } });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      code: 'channel.in_use',
      detail: expect.stringContaining('1 recorded live'),
    });
  });
});

describe('grades', () => {
  it('creates, renames and lists grades ordered by seq', async () => {
    const a = await app.api.ok(api.grades.create, {
      body: { name: uniqueId('g'), shouldSave: true, seq: 1 },
    });
    const renamed = await app.api.ok(api.grades.update, {
      params: { id: a.id },
      body: { name: `${a.name}-x`, shouldNotify: true },
    });
    expect(renamed).toMatchObject({ name: `${a.name}-x`, shouldNotify: true });
    const list = await app.api.ok(api.grades.list);
    expect(list.map((g) => g.seq)).toEqual([...list.map((g) => g.seq)].sort((x, y) => x - y));
  });

  it('answers 409 for a duplicate name', async () => {
    const name = uniqueId('dup');
    await app.api.ok(api.grades.create, { body: { name, shouldSave: true } });
    const again = await app.api.call(api.grades.create, { body: { name, shouldSave: false } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ errors: [{ field: 'body.name' }] });
  });

  it('refuses to delete a grade in use with 409 and the channel count', async () => {
    const grade = await app.api.ok(api.grades.create, { body: { name: uniqueId('used'), shouldSave: true } });
    await addChannel(app.api, sim, { gradeName: grade.name });
    await addChannel(app.api, sim, { gradeName: grade.name });
    const answer = await app.api.call(api.grades.remove, { params: { id: grade.id } });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'grade.in_use', detail: expect.stringContaining('2 channel') });
  });

  it('keeps the default grade: no rename, no delete', async () => {
    const none = (await app.api.ok(api.grades.list)).find((g) => g.name === 'none')!;
    expect(
      (await app.api.call(api.grades.update, { params: { id: none.id }, body: { name: 'other' } })).status,
    ).toBe(422);
    expect((await app.api.call(api.grades.remove, { params: { id: none.id } })).status).toBe(422);
    const unused = await app.api.ok(api.grades.create, {
      body: { name: uniqueId('free'), shouldSave: true },
    });
    expect((await app.api.call(api.grades.remove, { params: { id: unused.id } })).status).toBe(200);
  });
});

describe('tags', () => {
  it('attaches idempotently and detaches', async () => {
    const channel = await addChannel(app.api, sim);
    const name = uniqueId('t');
    const first = await app.api.call(api.tags.attach, { body: { channelId: channel.id, tagName: name } });
    const second = await app.api.call(api.tags.attach, { body: { channelId: channel.id, tagName: name } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const withTag = await app.api.ok(api.channels.get, { params: { id: channel.id } });
    expect(withTag.tags?.map((t) => t.name)).toEqual([name]);
    expect(
      await app.api.ok(api.tags.detach, { body: { channelId: channel.id, tagId: first.body.id } }),
    ).toEqual({ detached: true });
    expect(
      await app.api.ok(api.tags.detach, { body: { channelId: channel.id, tagId: first.body.id } }),
    ).toEqual({ detached: false });
  });

  it('refuses to delete an attached tag with 409 and the channel count, then deletes it once free', async () => {
    const name = uniqueId('busy');
    const channel = await addChannel(app.api, sim, { tagNames: [name] });
    const tag = (await app.api.ok(api.tags.list)).find((t) => t.name === name)!;
    expect(tag.channelCount).toBe(1);
    const refused = await app.api.call(api.tags.remove, { params: { id: tag.id } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'tag.in_use', detail: expect.stringContaining('1 channel') });
    await app.api.ok(api.tags.detach, { body: { channelId: channel.id, tagId: tag.id } });
    expect((await app.api.call(api.tags.remove, { params: { id: tag.id } })).status).toBe(200);
  });

  it('caps a channel at MAX_TAGS_PER_CHANNEL tags with a 422, and still answers a repeated attach', async () => {
    const names = Array.from({ length: MAX_TAGS_PER_CHANNEL }, (_, i) => uniqueId(`cap${i}`));
    const channel = await addChannel(app.api, sim, { tagNames: names });
    const refused = await app.api.call(api.tags.attach, {
      body: { channelId: channel.id, tagName: uniqueId('one-more') },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'channel.too_many_tags',
      detail: expect.stringContaining(`${MAX_TAGS_PER_CHANNEL} tags`),
    });
    const again = await app.api.call(api.tags.attach, {
      body: { channelId: channel.id, tagName: names[0]! },
    });
    expect(again.status).toBe(200);
    const after = await app.api.ok(api.channels.get, { params: { id: channel.id } });
    expect(after.tags).toHaveLength(MAX_TAGS_PER_CHANNEL);
  });

  it('answers 404 when attaching to an unknown channel', async () => {
    const answer = await app.api.call(api.tags.attach, {
      body: { channelId: '00000000-0000-4000-8000-000000000001', tagName: 'x' },
    });
    expect(answer.status).toBe(404);
  });
});

describe('the API surface', () => {
  it('answers unknown API routes with 404 problem+json', async () => {
    const answer = await app.api.raw('GET', '/api/no-such-thing');
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain(PROBLEM_CONTENT_TYPE);
  });

  it('serves an OpenAPI 3.1 document covering every contract route', async () => {
    const answer = await app.api.raw('GET', '/api/openapi.json');
    const doc = answer.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const routes of Object.values(api)) {
      for (const route of Object.values(routes)) {
        const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
      }
    }
    const docs = await app.api.raw('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger-ui');
  });

  it('reports liveness and readiness', async () => {
    expect((await app.api.call(api.health.live)).body).toEqual({ status: 'ok' });
    const ready = await app.api.call(api.health.ready);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ready: true,
      checks: { database: { ok: true }, redis: { ok: true }, migrations: { ok: true } },
    });
  });
});
