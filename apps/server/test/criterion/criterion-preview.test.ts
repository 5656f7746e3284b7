import { api, type CriterionPreviewDto, type PlatformName } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

const TIME_LIMIT_MS = 1_500;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 2, groups: 2, timeScale: 20 });
  app = await startTestApp({
    ...simulatorSettings(sim),
    HTTP_TIMEOUT_MS: 5_000,
    CRITERIA_PREVIEW_TIMEOUT_MS: TIME_LIMIT_MS,
  });
  await registerFleet(app.api, sim, 20);
  for (const [name, shouldSave, shouldNotify] of [
    ['vip', true, false],
    ['ping', false, true],
    ['muted', false, false],
  ] as const) {
    await app.api.ok(api.grades.create, { body: { name, shouldSave, shouldNotify } });
  }
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => sim.faults.reset());

/** A broadcast on the simulated platform; `grade` also makes the channel known to recflow. */
async function goLive(spec: {
  title: string;
  viewers: number;
  tags?: string[];
  platform?: PlatformName;
  category?: number;
  grade?: string;
}) {
  const platform = spec.platform ?? 'chzzk';
  const sourceId = uniqueId('pv');
  sim.world.addChannel({ platform, sourceId, username: `Preview ${sourceId}` });
  sim.world.startLive(platform, sourceId, {
    title: spec.title,
    viewers: spec.viewers,
    tags: spec.tags ?? [],
    category: spec.category ?? null,
  });
  if (spec.grade) {
    await app.api.ok(api.channels.create, {
      body: { platformName: platform, sourceId, gradeName: spec.grade },
    });
  }
  return sourceId;
}

async function preview(draft: Record<string, unknown>): Promise<CriterionPreviewDto> {
  return app.api.ok(api.criteria.previewDraft, { body: { platform: 'chzzk', ...draft } as never });
}

const byChannel = (answer: CriterionPreviewDto) => new Map(answer.lives.map((l) => [l.channel.uid, l]));

describe('the criteria preview', () => {
  it('lists exactly the lives a keyword + viewer threshold draft matches, saying what would happen', async () => {
    const word = uniqueId('Mine');
    const big = await goLive({ title: `${word} hardcore`, viewers: 900 });
    const small = await goLive({ title: `${word} chill`, viewers: 100 });
    await goLive({ title: 'Just chatting', viewers: 5_000 });
    const vip = await goLive({ title: `${word} with friends`, viewers: 3, grade: 'vip' });
    const ping = await goLive({ title: `${word} late`, viewers: 3, grade: 'ping' });
    const muted = await goLive({ title: `${word} muted`, viewers: 3_000, grade: 'muted' });

    const statements = app.database.stats.statements;
    const answer = await preview({ minUserCnt: 500, positiveKeywords: [word] });
    // One query for every channel found, whatever their number; nothing written.
    expect(app.database.stats.statements - statements).toBe(1);

    expect(new Set(answer.lives.map((l) => l.channel.uid))).toEqual(new Set([big, small, vip, ping, muted]));
    const lives = byChannel(answer);
    expect(lives.get(big)).toMatchObject({
      outcome: 'record',
      reason: 'enough_viewers',
      viewCnt: 900,
      title: `${word} hardcore`,
      matched: [{ kind: 'keyword', value: word }],
      channel: { known: false, id: null, grade: null },
      explanation: 'unknown channel, 900 viewers ≥ 500',
    });
    expect(lives.get(small)).toMatchObject({ outcome: 'skip', reason: 'below_viewer_threshold' });
    expect(lives.get(vip)).toMatchObject({
      outcome: 'record',
      reason: 'grade_recorded',
      channel: { known: true, grade: 'vip' },
    });
    expect(lives.get(vip)?.channel.id).toEqual(expect.any(String));
    expect(lives.get(ping)).toMatchObject({ outcome: 'notify', reason: 'grade_notifies' });
    expect(lives.get(muted)).toMatchObject({ outcome: 'skip', reason: 'grade_not_recorded' });
    expect(answer.counts).toEqual({ record: 2, log: 0, notify: 1, skip: 2 });
    expect(answer.lives.slice(0, 2).map((l) => l.outcome)).toEqual(['record', 'record']);
    expect(answer.searches).toEqual([
      { kind: 'keyword', value: word, ok: true, found: 5, ms: expect.any(Number), error: null },
    ]);
    expect(answer.criterionId).toBeNull();

    // A preview records nothing.
    const recorded = (await app.api.ok(api.lives.list, { query: { segments: 'false' } })).map(
      (l) => l.channel.sourceId,
    );
    expect(recorded).not.toContain(big);
  });

  it('says a channel already being recorded is skipped for that reason', async () => {
    const word = uniqueId('Speed');
    const sourceId = await goLive({ title: `${word} any%`, viewers: 2_000, grade: 'vip' });
    await app.api.ok(api.lives.create, { body: { platformName: 'chzzk', sourceId, nodeCount: 1 } });
    const [live] = (await preview({ positiveKeywords: [word] })).lives;
    expect(live).toMatchObject({
      channel: { uid: sourceId },
      outcome: 'skip',
      reason: 'already_recording',
    });
  });

  it('shows lives excluded by a negative keyword, tag or category with the unit that excludes them', async () => {
    const tag = uniqueId('tag');
    const kept = await goLive({ title: 'Speedrun any%', viewers: 1_000, tags: [tag] });
    const rerun = await goLive({ title: 'Speedrun rerun', viewers: 1_000, tags: [tag] });
    const adult = await goLive({ title: 'Speedrun practice', viewers: 1_000, tags: [tag, 'adult'] });
    const party = await goLive({ title: 'Speedrun party', viewers: 1_000, tags: [tag], category: 77 });
    const answer = await preview({
      positiveTags: [tag],
      negativeKeywords: ['rerun'],
      negativeTags: ['adult'],
      negativeWps: ['77'],
    });
    const lives = byChannel(answer);
    expect(lives.get(kept)).toMatchObject({ outcome: 'record', excludedBy: null });
    expect(lives.get(rerun)).toMatchObject({
      outcome: 'skip',
      reason: 'excluded',
      excludedBy: { kind: 'keyword', value: 'rerun' },
      explanation: 'excluded by negative keyword "rerun"',
    });
    expect(lives.get(adult)).toMatchObject({
      reason: 'excluded',
      excludedBy: { kind: 'tag', value: 'adult' },
    });
    expect(lives.get(party)).toMatchObject({
      reason: 'excluded',
      excludedBy: { kind: 'category', value: '77' },
    });
    expect(answer.counts).toMatchObject({ record: 1, skip: 3 });
  });

  it('names every search and the units that found each live, for soop too', async () => {
    const tag = uniqueId('both');
    const word = uniqueId('Kw');
    const both = await goLive({
      platform: 'soop',
      title: `${word} live`,
      viewers: 50,
      tags: [tag],
      category: 5,
    });
    const answer = await app.api.ok(api.criteria.previewDraft, {
      body: { platform: 'soop', positiveTags: [tag], positiveKeywords: [word], positiveCates: ['5'] },
    });
    expect(answer.platform).toBe('soop');
    expect(answer.searches.map((s) => [s.kind, s.value, s.ok])).toEqual([
      ['tag', tag, true],
      ['keyword', word, true],
      ['category', '5', true],
    ]);
    expect(byChannel(answer).get(both)?.matched).toEqual([
      { kind: 'tag', value: tag },
      { kind: 'keyword', value: word },
      { kind: 'category', value: '5' },
    ]);
  });

  it('rejects a draft that is not a whole criterion, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ platform: 'chzzk', positiveKeywords: [] }, 'body.positiveTags'],
      [{ platform: 'chzzk', positiveKeywords: ['a'], minUserCnt: -1 }, 'body.minUserCnt'],
      [{ platform: 'chzzk', positiveWps: ['x'] }, 'body.positiveWps.0'],
      [
        { platform: 'chzzk', positiveKeywords: ['a'], domesticOnly: true, overseasFirst: true },
        'body.overseasFirst',
      ],
      [{ platform: 'soop', positiveWps: ['1'] }, 'body'],
      [{ platform: 'twitch', positiveKeywords: ['a'] }, 'body.platform'],
    ];
    for (const [body, field] of cases) {
      const answer = await app.api.raw('POST', '/api/criteria/preview', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      expect((answer.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain(
        field,
      );
    }
  });

  it('reports a failing search beside the answers of the others', async () => {
    const word = uniqueId('Ok');
    const broken = uniqueId('Broken');
    const slow = uniqueId('Slow');
    const found = await goLive({ title: `${word} stream`, viewers: 600 });
    sim.faults.searches.set(broken, { mode: 'status', status: 500 });
    sim.faults.searches.set(slow, { mode: 'hang' });
    const started = Date.now();
    const answer = await preview({ positiveKeywords: [word, broken, slow] });
    // The hanging search is given up at the time limit, not at the HTTP timeout.
    expect(Date.now() - started).toBeLessThan(TIME_LIMIT_MS + 2_000);
    expect(answer.lives.map((l) => l.channel.uid)).toEqual([found]);
    const [ok, failed, hung] = answer.searches;
    expect(ok).toMatchObject({ value: word, ok: true, found: 1, error: null });
    expect(failed).toMatchObject({ value: broken, ok: false, found: 0 });
    expect(failed?.error).toContain('500');
    expect(hung).toMatchObject({ value: slow, ok: false });
    expect(hung?.error).toMatch(/no answer within/);
  });

  it('answers 502 problem+json when streamq is down for every search', async () => {
    sim.faults.streamq = { mode: 'status', status: 503 };
    const answer = await app.api.raw('POST', '/api/criteria/preview', {
      platform: 'chzzk',
      positiveKeywords: ['anything', 'else'],
    });
    expect(answer.status).toBe(502);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 502, code: 'upstream.streamq.unreachable' });
    expect((answer.body as { detail: string }).detail).toMatch(/streamq: every search failed.*503/);

    sim.faults.streamq = { mode: 'hang' };
    const started = Date.now();
    expect(
      (await app.api.raw('POST', '/api/criteria/preview', { platform: 'chzzk', positiveTags: ['x'] })).status,
    ).toBe(502);
    expect(Date.now() - started).toBeLessThan(TIME_LIMIT_MS + 2_000);
  });

  it('previews a saved criterion, active or not, the same way as its draft', async () => {
    const word = uniqueId('Saved');
    const sourceId = await goLive({ title: `${word} night`, viewers: 700 });
    const saved = await app.api.ok(api.criteria.createChzzk, {
      body: { name: uniqueId('saved'), minUserCnt: 500, positiveKeywords: [word], negativeTags: ['rerun'] },
    });
    const answer = await app.api.ok(api.criteria.preview, { params: { id: saved.id } });
    expect(answer.criterionId).toBe(saved.id);
    expect(answer.lives).toEqual([
      expect.objectContaining({ channel: expect.objectContaining({ uid: sourceId }) }),
    ]);
    const draft = await preview({ minUserCnt: 500, positiveKeywords: [word], negativeTags: ['rerun'] });
    expect(answer.lives).toEqual(draft.lives);

    const missing = await app.api.call(api.criteria.preview, {
      params: { id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(404);
  });
});
