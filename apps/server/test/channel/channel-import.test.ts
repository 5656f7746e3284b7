import { api, type ImportReport } from '@recflow/contracts';
import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueId } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let sim: Simulator;
let app: TestApp;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ STREAMQ_URL: sim.url });
  await app.api.ok(api.grades.create, { body: { name: 'great', shouldSave: true } });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

function outcomes(report: ImportReport) {
  return report.rows.map((r) => `${r.row}:${r.outcome}`);
}

describe('bulk import', () => {
  it('creates channels from CSV, reports each row, and changes nothing when re-imported', async () => {
    const [a, b] = [uniqueId('imp'), uniqueId('imp')];
    sim.world.addChannel({ platform: 'chzzk', sourceId: a, username: 'Imported A', followerCnt: 7 });
    sim.world.addChannel({ platform: 'soop', sourceId: b, username: 'Imported B' });
    const csv = [
      'platform,sourceId,grade,tags,followed,description',
      `chzzk,${a},great,talk|music,true,"first, with a comma"`,
      `soop,${b},,game,,`,
      'soop,not-on-platform,,,,',
      `chzzk,${a},,,,`,
      'twitch,x,,,,',
      `soop,${uniqueId()},no-such-grade,,,`,
    ].join('\n');

    const first = await app.api.ok(api.channels.import, { body: { csv } });
    expect(outcomes(first)).toEqual(['1:created', '2:created', '3:error', '4:error', '5:error', '6:error']);
    expect(first.rows[2]!.message).toContain('not-on-platform');
    expect(first.rows[3]!.message).toBe('repeats row 1');
    expect(first.rows[4]!.message).toContain('platform');
    expect(first.rows[5]!.message).toContain('no-such-grade');
    expect(first.summary).toEqual({ total: 6, created: 2, updated: 0, unchanged: 0, error: 4 });

    const created = await app.api.ok(api.channels.get, { params: { id: first.rows[0]!.channelId! } });
    expect(created).toMatchObject({
      username: 'Imported A',
      isFollowed: true,
      description: 'first, with a comma',
      grade: { name: 'great' },
    });
    expect(created.tags?.map((t) => t.name)).toEqual(['music', 'talk']);

    const again = await app.api.ok(api.channels.import, { body: { csv } });
    expect(outcomes(again).slice(0, 2)).toEqual(['1:unchanged', '2:unchanged']);
    const after = await app.api.ok(api.channels.get, { params: { id: created.id } });
    expect(after.updatedAt).toBe(created.updatedAt);
  });

  it('brings existing channels up to date from JSON rows without detaching tags', async () => {
    const id = uniqueId('json');
    sim.world.addChannel({ platform: 'chzzk', sourceId: id, username: 'Json' });
    await app.api.ok(api.channels.import, {
      body: { rows: [{ platform: 'chzzk', sourceId: id, tags: ['keep'] }] },
    });
    const report = await app.api.ok(api.channels.import, {
      body: { rows: [{ platform: 'chzzk', sourceId: id, grade: 'great', followed: true, tags: ['new'] }] },
    });
    expect(report.rows[0]).toMatchObject({
      outcome: 'updated',
      message: 'grade → great; followed; tags + new',
    });
    const channel = await app.api.ok(api.channels.get, { params: { id: report.rows[0]!.channelId! } });
    expect(channel.tags?.map((t) => t.name)).toEqual(['keep', 'new']);
  });

  it('reports rows the gateway cannot serve as errors and still imports the others', async () => {
    const id = uniqueId('down');
    sim.world.addChannel({ platform: 'chzzk', sourceId: id, username: 'Down' });
    sim.faults.streamq = { mode: 'status', status: 503 };
    const report = await app.api.ok(api.channels.import, {
      body: { rows: [{ platform: 'chzzk', sourceId: id }] },
    });
    sim.faults.reset();
    expect(report.rows[0]).toMatchObject({ outcome: 'error', message: expect.stringContaining('streamq') });
  });

  it('rejects an unreadable file as a whole with a clear 400', async () => {
    for (const csv of ['name,id\nx,y', 'platform,sourceId\n"unterminated']) {
      const answer = await app.api.call(api.channels.import, { body: { csv } });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'import.bad_csv' });
    }
    const empty = await app.api.call(api.channels.import, { body: { rows: [] } });
    expect(empty.status).toBe(400);
  });
});
