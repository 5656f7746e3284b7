import { randomUUID } from 'node:crypto';
import { api, type LiveDto } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { live as liveTable } from '../../server/src/db/schema';
import { LiveFinisher } from '../../server/src/live/live-finisher';
import {
  FAUXQS_CREDENTIALS,
  FAUXQS_REGION,
  type Fauxqs,
  startFauxqs,
} from '../../server/test/support/fauxqs';
import { waitFor } from '../../server/test/support/wait';
import { screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';
import { liveRow } from './support/live-table';
import { uniqueId } from './support/seed';

let sqs: Fauxqs;
let queueUrl: string;
let dash: Dashboard;
/** Long enough for a page's first load on a busy machine. */
const SOON = { timeout: 10_000 };
const received: Array<Record<string, string>> = [];

beforeAll(async () => {
  sqs = await startFauxqs();
  queueUrl = await sqs.createQueue(`vodify-${randomUUID().slice(0, 8)}`);
  dash = await startDashboard(
    // A final upload of 5 s (100 simulated s at 20×) keeps a finishing live visibly `finalizing`.
    { nodes: 4, groups: 2, timeScale: 20, recorder: { finalUploadMs: 100_000 } },
    {
      SCHEDULER_ENABLED: true,
      SQS_QUEUE_URL: queueUrl,
      SQS_ENDPOINT: sqs.endpoint,
      SQS_REGION_NAME: FAUXQS_REGION,
      SQS_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
      SQS_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
      FINISH_RELAY_INTERVAL_MS: 200,
      LIVE_FINISH_TIMEOUT_SEC: 30,
    },
  );
}, 90_000);
afterAll(async () => {
  await dash?.close();
  await sqs?.stop();
});

/** Finish events vodify would read, by video name. */
async function eventsFor(videoName: string) {
  for (const m of await sqs.drain(queueUrl)) received.push(JSON.parse(m.Body!));
  return received.filter((body) => body.videoName === videoName);
}

/** A live recorded on two nodes that has segments to keep. */
async function recordedLive(username: string): Promise<LiveDto> {
  const live = await dash.seed.live({ username, title: `${username} live`, nodeCount: 2 });
  await waitFor(
    async () =>
      ((await dash.seed.call(api.lives.get, { params: { id: live.id } })).segments?.success ?? 0) >= 2,
    { timeoutMs: 20_000, what: 'segments recorded' },
  );
  return live;
}

describe('ending a live from the dashboard', () => {
  it('finishes and saves a live from its page: finalizing, then ended, and vodify gets complete once', async () => {
    const live = await recordedLive('Quebec Saved');
    const page = await dash.open(`/lives/${live.id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Quebec Saved' }).isVisible(), SOON).toBe(true);

    await page.getByRole('button', { name: 'Finish and save', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Finish and save this live?' });
    await expect.poll(() => dialog.textContent(), SOON).toContain('turned into a video');
    expect(await dialog.textContent()).toContain(live.nodes.map((n) => n.name).join(', '));
    await screenshot(page, 'live-finish-confirm-light');
    await dialog.getByRole('button', { name: 'Finish and save', exact: true }).click();
    await expect.poll(() => dialog.isVisible(), SOON).toBe(false);

    await expect
      .poll(() => page.getByText('finalizing', { exact: true }).first().isVisible(), SOON)
      .toBe(true);
    await expect.poll(() => page.getByText('Finishing.', { exact: true }).isVisible(), SOON).toBe(true);
    await screenshot(page, 'live-finalizing-light');

    // Asking again while it finishes is harmless: the same state comes back, no second event.
    await page.getByRole('button', { name: 'Finish and save', exact: true }).click();
    await expect.poll(() => dialog.textContent(), SOON).toContain('already finishing');
    await dialog.getByRole('button', { name: 'Finish and save', exact: true }).click();
    await expect.poll(() => dialog.isVisible(), SOON).toBe(false);

    await expect
      .poll(() => page.getByText('ended', { exact: true }).first().isVisible(), { timeout: 30_000 })
      .toBe(true);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect.poll(() => timeline.locator('li[data-kind="live.finished"]').count(), SOON).toBe(1);
    expect(await timeline.locator('li').first().getAttribute('data-kind')).toBe('live.finished');
    expect(await timeline.locator('li[data-kind="live.finishing"]').textContent()).toContain(
      'finish requested by the operator',
    );
    await screenshot(page, 'live-finished-light', { fullPage: true });

    const sent = await waitFor(async () => (await eventsFor(live.videoName)).at(0), {
      timeoutMs: 20_000,
      what: 'the complete event on the queue',
    });
    expect(sent).toEqual({
      status: 'complete',
      platform: 'chzzk',
      uid: live.channel.sourceId,
      videoName: live.videoName,
      fsName: live.fsName,
    });
    const backlog = await dash.seed.call(api.finishEvents.backlog);
    expect(backlog.sent).toBeGreaterThanOrEqual(1);
    expect(await eventsFor(live.videoName)).toHaveLength(1);

    // Its recording is one click away.
    await page.getByRole('link', { name: 'Recordings', exact: true }).last().click();
    const recording = page.getByRole('table', { name: 'Recordings' }).locator('tbody tr', {
      has: page.getByRole('link', { name: 'Quebec Saved', exact: true }),
    });
    await expect.poll(() => recording.getByText('saved', { exact: true }).isVisible(), SOON).toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Quebec Saved');
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { name: 'Quebec Saved' }).isVisible(), SOON).toBe(true);

    // An ended live can only be purged.
    expect(await page.getByRole('button', { name: 'Finish and save', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Purge record', exact: true }).click();
    const purge = page.getByRole('alertdialog', { name: "Purge this live's record?" });
    await expect.poll(() => purge.textContent(), SOON).toContain('Nothing is sent to post-processing');
    await screenshot(page, 'live-purge-confirm-light');
    await purge.getByRole('button', { name: 'Purge record', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname, SOON).toBe('/');
    expect((await dash.server.api.call(api.lives.get, { params: { id: live.id } })).status).toBe(404);
  });

  it('discards and purges a live from the row menu of the Lives table, and vodify gets canceled', async () => {
    const live = await recordedLive('Romeo Discarded');
    const page = await dash.open('/', 'dark');
    const row = liveRow(page, 'Romeo Discarded');
    await row.getByRole('button', { name: 'Actions for Romeo Discarded' }).click();
    await page.getByRole('menuitem', { name: 'Finish and discard…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Finish and discard this live?' });
    await expect.poll(() => dialog.textContent(), SOON).toContain('the recorded sources are deleted');
    await dialog.getByRole('switch', { name: 'Purge the record too' }).click();
    await screenshot(page, 'lives-discard-confirm-dark');
    await dialog.getByRole('button', { name: 'Finish and discard', exact: true }).click();
    await expect.poll(() => dialog.isVisible(), SOON).toBe(false);
    await expect
      .poll(() => row.getByText('finalizing', { exact: true }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await screenshot(page, 'lives-finalizing-dark');

    // Purged once finished: the row leaves the table and the record is gone.
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
    expect((await dash.server.api.call(api.lives.get, { params: { id: live.id } })).status).toBe(404);
    const sent = await waitFor(async () => (await eventsFor(live.videoName)).at(0), {
      timeoutMs: 20_000,
      what: 'the canceled event on the queue',
    });
    expect(sent.status).toBe('canceled');
  });

  it('says why when a finish gave up, and the live keeps its record', async () => {
    const channel = await dash.seed.channel({ username: 'Sierra Stuck' });
    // A live whose finish is under way: the finish job ran out of attempts (the worker then calls giveUp).
    const [stuck] = await dash.server.database.db
      .insert(liveTable)
      .values({
        channelId: channel.id,
        platformId: channel.platform.id,
        sourceId: '7',
        liveTitle: 'Stuck in finishing',
        fsName: 'local',
        videoName: uniqueId('v'),
        status: 'finalizing',
        finishRequest: { cmd: 'finish', purge: false, by: 'operator', at: new Date().toISOString() },
      })
      .returning();
    await dash.server.app.get(LiveFinisher).giveUp(stuck!.id, 'recflow could not reach its database');

    const page = await dash.open(`/lives/${stuck!.id}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Finishing gave up' });
    await expect.poll(() => alert.textContent(), SOON).toContain('recflow could not reach its database');
    await expect
      .poll(
        () =>
          page.getByRole('list', { name: 'Timeline' }).locator('li[data-kind="live.finish_failed"]').count(),
        SOON,
      )
      .toBe(1);
    await screenshot(page, 'live-finish-failed-light', { fullPage: true });

    const list = await dash.open('/?status=finalizing');
    await liveRow(list, 'Sierra Stuck').getByRole('button', { name: 'finish failed: show why' }).click();
    await expect.poll(() => list.getByText('Why finishing gave up').isVisible(), SOON).toBe(true);
  });
});
