import { api } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FollowedChannels } from '../../src/channel/followed-channels';
import { LiveDetector } from '../../src/live/live-detector';
import { uniqueId } from '../support/fixtures';
import { registerFleet } from '../support/fleet';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;
let detector: LiveDetector;

beforeAll(async () => {
  sim = await startSimulator({ nodes: 6, groups: 3, timeScale: 20 });
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 1_000 });
  detector = app.app.get(LiveDetector);
  await registerFleet(app.api, sim, 50);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

/** Ends every criterion and simulated live between scenarios, so each scenario sees only its own. */
beforeEach(async () => {
  for (const c of [
    ...(await app.api.ok(api.criteria.listChzzk)),
    ...(await app.api.ok(api.criteria.listSoop)),
  ]) {
    await app.api.ok(api.criteria.remove, { params: { id: c.id } });
  }
  for (const channel of sim.world.liveChannels()) sim.world.endLive(channel.platform, channel.sourceId);
});

function goLive(spec: { title: string; viewers: number; tags?: string[]; platform?: 'chzzk' | 'soop' }) {
  const platform = spec.platform ?? 'chzzk';
  const sourceId = uniqueId('det');
  sim.world.addChannel({ platform, sourceId, username: `Det ${sourceId}` });
  sim.world.startLive(platform, sourceId, {
    title: spec.title,
    viewers: spec.viewers,
    tags: spec.tags ?? [],
  });
  return sourceId;
}

async function recordedChannels() {
  const lives = await app.api.ok(api.lives.list, { query: { segments: 'false' } });
  return lives.map((l) => l.channel.sourceId);
}

async function activeCriterion(body: Record<string, unknown>) {
  return app.api.ok(api.criteria.createChzzk, {
    body: { name: uniqueId('c'), isDeactivated: false, ...body } as never,
  });
}

describe('automatic detection', () => {
  it('records a followed channel that goes live, saying why', async () => {
    const sourceId = uniqueId('fol');
    sim.world.addChannel({ platform: 'soop', sourceId, username: 'Followed One' });
    await app.api.ok(api.channels.create, { body: { platformName: 'soop', sourceId, isFollowed: true } });
    const ids = await app.app.get(FollowedChannels).ids();
    expect((await detector.detectFollowed(ids)).registered).toBe(0);
    sim.world.startLive('soop', sourceId, { title: 'now live' });
    expect((await detector.detectFollowed(ids)).registered).toBe(1);
    const [live] = (await app.api.ok(api.lives.list, { query: { segments: 'false' } })).filter(
      (l) => l.channel.sourceId === sourceId,
    );
    expect(live).toMatchObject({ status: 'recording', recordedReason: { by: 'followed' } });
    expect((await detector.detectFollowed(ids)).registered).toBe(0);
  });

  it('records exactly the lives a keyword + viewer threshold criterion matches', async () => {
    const big = goLive({ title: 'Minecraft hardcore', viewers: 900 });
    const small = goLive({ title: 'Minecraft chill', viewers: 100 });
    const other = goLive({ title: 'Just chatting', viewers: 5000 });
    const criterion = await activeCriterion({ minUserCnt: 500, positiveKeywords: ['Minecraft'] });
    const outcome = await detector.detectCriteria();
    expect(outcome.registered).toBe(1);
    const recorded = await recordedChannels();
    expect(recorded).toContain(big);
    expect(recorded).not.toContain(small);
    expect(recorded).not.toContain(other);
    const [live] = (await app.api.ok(api.lives.list, { query: { segments: 'false' } })).filter(
      (l) => l.channel.sourceId === big,
    );
    expect(live!.recordedReason).toEqual({
      by: 'criterion',
      criterionId: criterion.id,
      criterionName: criterion.name,
      matched: ['keyword:Minecraft'],
      viewCnt: 900,
    });
  });

  it('lets negative keywords and tags exclude lives', async () => {
    const kept = goLive({ title: 'Speedrun any%', viewers: 1000, tags: ['game'] });
    const rerun = goLive({ title: 'Speedrun rerun', viewers: 1000, tags: ['game'] });
    const tagged = goLive({ title: 'Speedrun practice', viewers: 1000, tags: ['game', 'adult'] });
    await activeCriterion({ positiveTags: ['game'], negativeKeywords: ['rerun'], negativeTags: ['adult'] });
    await detector.detectCriteria();
    const recorded = await recordedChannels();
    expect(recorded).toContain(kept);
    expect(recorded).not.toContain(rerun);
    expect(recorded).not.toContain(tagged);
  });

  it('records nothing for a deactivated criterion, and notices a change at the next cycle', async () => {
    const sourceId = goLive({ title: 'Factorio megabase', viewers: 700 });
    const c = await app.api.ok(api.criteria.createChzzk, {
      body: { name: uniqueId('off'), positiveKeywords: ['Factorio'] },
    });
    expect((await detector.detectCriteria()).registered).toBe(0);
    await app.api.ok(api.criteria.update, { params: { id: c.id }, body: { isDeactivated: false } });
    expect((await detector.detectCriteria()).registered).toBe(1);
    expect(await recordedChannels()).toContain(sourceId);
  });

  it('writes history for a logging-only criterion and records nothing', async () => {
    const seen = goLive({ title: 'Terraria boss rush', viewers: 300 });
    const c = await activeCriterion({ loggingOnly: true, minUserCnt: 100, positiveKeywords: ['Terraria'] });
    expect((await detector.detectCriteria()).registered).toBe(0);
    await detector.detectCriteria();
    expect(await recordedChannels()).not.toContain(seen);
    const history = await app.api.ok(api.criteria.history, { params: { id: c.id } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      channelUid: seen,
      title: 'Terraria boss rush',
      viewCnt: 300,
      grade: null,
    });
  });

  it('records a broadcast seen by two criteria and the followed poll at once exactly once', async () => {
    const sourceId = uniqueId('once');
    sim.world.addChannel({ platform: 'chzzk', sourceId, username: 'Seen Thrice' });
    await app.api.ok(api.channels.create, { body: { platformName: 'chzzk', sourceId, isFollowed: true } });
    sim.world.startLive('chzzk', sourceId, { title: 'Elden Ring blind', viewers: 2000, tags: ['soulslike'] });
    await activeCriterion({ positiveKeywords: ['Elden'] });
    await activeCriterion({ positiveTags: ['soulslike'] });
    const ids = await app.app.get(FollowedChannels).ids();
    const outcomes = await Promise.all([
      detector.detectCriteria(),
      detector.detectFollowed(ids),
      detector.detectCriteria(),
    ]);
    expect(outcomes.reduce((n, o) => n + o.registered, 0)).toBe(1);
    const lives = (await app.api.ok(api.lives.list, { query: { status: 'all', segments: 'false' } })).filter(
      (l) => l.channel.sourceId === sourceId,
    );
    expect(lives.filter((l) => l.status === 'recording')).toHaveLength(1);
  });

  it('costs a constant number of SQL statements per cycle, whatever the number of lives seen', async () => {
    // Lives below the threshold: seen and judged every cycle, registered never.
    await activeCriterion({ positiveKeywords: ['Quiet'], minUserCnt: 100 });
    await detector.detectCriteria();
    for (let i = 0; i < 5; i++) goLive({ title: `Quiet stream ${i}`, viewers: 10 });
    const before = app.database.stats.statements;
    await detector.detectCriteria();
    const withFive = app.database.stats.statements - before;
    for (let i = 0; i < 20; i++) goLive({ title: `Quiet stream more ${i}`, viewers: 10 });
    const again = app.database.stats.statements;
    await detector.detectCriteria();
    expect(app.database.stats.statements - again).toBe(withFive);
    expect(withFive).toBe(1);
  });
});
