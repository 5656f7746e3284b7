import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { api, type ChannelDto, type LiveDto } from '@recflow/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishEvent, live as liveTable, recordingReport } from '../../server/src/db/schema';
import { TEST_REDIS_URL } from '../../server/test/support/env';
import {
  FAUXQS_CREDENTIALS,
  FAUXQS_REGION,
  type Fauxqs,
  startFauxqs,
} from '../../server/test/support/fauxqs';
import type { TestApp } from '../../server/test/support/test-app';
import { waitFor } from '../../server/test/support/wait';
import { horizontalOverflow, openPage, screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';
import { Seeder, uniqueId } from './support/seed';
import { startServer, type TestServer } from './support/server';

/** The S3 client is the server's dependency, borrowed rather than duplicated (as in vitest.config.ts). */
interface S3Module {
  S3Client: new (config: object) => { send(command: unknown): Promise<unknown>; destroy(): void };
  CreateBucketCommand: new (input: { Bucket: string }) => unknown;
  PutObjectCommand: new (input: { Bucket: string; Key: string; Body: string }) => unknown;
}
const s3sdk = createRequire(new URL('../../server/package.json', import.meta.url))(
  '@aws-sdk/client-s3',
) as S3Module;

let aws: Fauxqs;
let s3: InstanceType<S3Module['S3Client']>;
let dash: Dashboard;
let bare: TestServer | undefined;
const bucket = `recnode-${randomUUID().slice(0, 8)}`;
/** Long enough for a page's first load on a busy machine. */
const SOON = { timeout: 10_000 };
const RECNODE_DB = 7;

beforeAll(async () => {
  // fauxqs plays both SQS (the finish events) and S3 (what recnode uploaded).
  aws = await startFauxqs();
  const queueUrl = await aws.createQueue(`vodify-${randomUUID().slice(0, 8)}`);
  s3 = new s3sdk.S3Client({
    region: FAUXQS_REGION,
    endpoint: aws.endpoint,
    forcePathStyle: true,
    credentials: FAUXQS_CREDENTIALS,
  });
  await s3.send(new s3sdk.CreateBucketCommand({ Bucket: bucket }));
  const credentials = {
    SQS_REGION_NAME: FAUXQS_REGION,
    SQS_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
    SQS_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
    S3_REGION_NAME: FAUXQS_REGION,
    S3_ACCESS_KEY: FAUXQS_CREDENTIALS.accessKeyId,
    S3_SECRET_KEY: FAUXQS_CREDENTIALS.secretAccessKey,
  };
  dash = await startDashboard(
    // The clean-up runs with no grace period here: the recnode side gets a Redis database of its own,
    // so that it never takes another test file's recording states for orphans.
    { nodes: 4, groups: 2, timeScale: 20, redis: { url: TEST_REDIS_URL, db: RECNODE_DB } },
    {
      ...credentials,
      SCHEDULER_ENABLED: true,
      SQS_QUEUE_URL: queueUrl,
      SQS_ENDPOINT: aws.endpoint,
      S3_BUCKET: bucket,
      S3_ENDPOINT: aws.endpoint,
      FINISH_RELAY_INTERVAL_MS: 200,
      // The loss report is taken as soon as a live has ended.
      LIVE_STATE_CLEANUP_GRACE_SEC: 0,
      LIVE_STATE_CLEANUP_INTERVAL_MS: 500,
    },
  );
}, 90_000);
afterAll(async () => {
  await bare?.close();
  await dash?.close();
  s3?.destroy();
  await aws?.stop();
});

function recordingRow(page: Page, username: string) {
  return page.getByRole('table', { name: 'Recordings' }).locator('tbody tr', {
    has: page.getByRole('link', { name: username, exact: true }),
  });
}

async function visibleRecordings(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const row of await page.getByRole('table', { name: 'Recordings' }).locator('tbody tr').all()) {
    names.push(((await row.getByRole('link').first().textContent()) ?? '').trim());
  }
  return names;
}

async function recordedLive(username: string, nodeCount: number): Promise<LiveDto> {
  const live = await dash.seed.live({ username, title: `${username} live`, nodeCount });
  await waitFor(
    async () =>
      ((await dash.seed.call(api.lives.get, { params: { id: live.id } })).segments?.success ?? 0) >= 2,
    { timeoutMs: 20_000, what: 'segments recorded' },
  );
  return live;
}

/** A live as the finisher and the clean-up leave it, written straight to the database. */
async function endedLive(
  app: TestApp,
  channel: ChannelDto,
  spec: {
    title: string;
    minutesAgo: number;
    event?: 'complete' | 'canceled';
    missing?: number[];
    givenUp?: string[];
  },
) {
  const db = app.database.db;
  const endedAt = new Date(Date.now() - spec.minutesAgo * 60_000);
  const [row] = await db
    .insert(liveTable)
    .values({
      channelId: channel.id,
      platformId: channel.platform.id,
      sourceId: uniqueId('b'),
      liveTitle: spec.title,
      fsName: 'local',
      videoName: uniqueId('v'),
      status: 'deleted',
      createdAt: new Date(endedAt.getTime() - 5_400_000),
      deletedAt: endedAt,
      finishRequest: { cmd: 'finish', purge: false, by: 'cleaner', at: endedAt.toISOString() },
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
      status: 'sent',
      sentAt: endedAt,
    });
  }
  await db.insert(recordingReport).values({
    liveId: row!.id,
    nodes: ['n1', 'n3'],
    nodesGivenUp: spec.givenUp ?? [],
    segmentsOk: 2_700,
    segmentsFailed: 0,
    segmentsRetrying: 0,
    segmentsMissing: spec.missing?.length ?? 0,
    missingNumbers: spec.missing ?? [],
    takenAt: new Date(),
  });
  return row!;
}

describe('the recordings page', () => {
  it('lists finished lives with how they ended, their loss report, the finish event and the S3 objects', async () => {
    const saved = await recordedLive('Whiskey Saved', 2);
    const discarded = await recordedLive('Xray Discarded', 1);
    await dash.seed.call(api.lives.remove, { body: { recordId: saved.id, cmd: 'finish' } });
    await dash.seed.call(api.lives.remove, { body: { recordId: discarded.id, cmd: 'cancel' } });
    const prefix = `incomplete/chzzk/${saved.channel.sourceId}/${saved.videoName}/`;
    for (const [name, body] of [
      ['n1-0001.tar', 'x'.repeat(1_500_000)],
      ['n2-0001.tar', 'y'.repeat(1_200_000)],
    ] as const) {
      await s3.send(new s3sdk.PutObjectCommand({ Bucket: bucket, Key: `${prefix}${name}`, Body: body }));
    }

    const page = await dash.open('/recordings');
    await expect
      .poll(() => page.getByRole('link', { name: 'Recordings' }).getAttribute('aria-current'), SOON)
      .toBe('page');
    const row = recordingRow(page, 'Whiskey Saved');
    await expect
      .poll(() => row.getByText('saved', { exact: true }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(await row.getByText('by an operator').isVisible()).toBe(true);
    await expect.poll(() => row.getByTitle(/^complete sent /).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => row.getByText(/Segments: [1-9][\d,]* recorded, 0 failed/).count(), { timeout: 20_000 })
      .toBe(1);
    const nodes = await row.getByRole('list', { name: 'Nodes' }).getByRole('listitem').allTextContents();
    expect(nodes.sort()).toEqual(saved.nodes.map((n) => n.name).sort());
    const other = recordingRow(page, 'Xray Discarded');
    await expect.poll(() => other.getByText('discarded', { exact: true }).isVisible(), SOON).toBe(true);
    expect(await other.getByText('canceled', { exact: true }).isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Show details of Whiskey Saved' }).click();
    const objects = page.getByRole('list', { name: 'S3 objects' });
    await expect
      .poll(() => objects.getByRole('listitem').allTextContents(), SOON)
      .toEqual([expect.stringContaining('n1-0001.tar'), expect.stringContaining('n2-0001.tar')]);
    expect(await page.getByText(`s3://${bucket}/${prefix}`).isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toEqual({ page: 0, main: 0, tables: [0] });
    await screenshot(page, 'recordings-light');

    await other.getByRole('button', { name: 'Show details of Xray Discarded' }).click();
    await expect.poll(() => page.getByText(/^Nothing under s3:\/\//).isVisible(), SOON).toBe(true);
    const dark = await dash.open('/recordings', 'dark');
    await recordingRow(dark, 'Whiskey Saved')
      .getByRole('button', { name: 'Show details of Whiskey Saved' })
      .click();
    await expect.poll(() => dark.getByRole('list', { name: 'S3 objects' }).isVisible(), SOON).toBe(true);
    await screenshot(dark, 'recordings-dark');
  });

  it('shows missing segment numbers on hover and when a row is opened', async () => {
    const channel = await dash.seed.channel({ username: 'Yankee Gaps', platform: 'soop' });
    await endedLive(dash.server, channel, {
      title: 'Holes in it',
      minutesAgo: 1,
      event: 'complete',
      missing: [3, 4, 17],
      givenUp: ['n3'],
    });
    const page = await dash.open('/recordings?q=yankee');
    const row = recordingRow(page, 'Yankee Gaps');
    await expect.poll(() => row.getByTitle(/Missing: 3, 4, 17$/).count(), SOON).toBe(1);
    // The node finishing gave up on is marked, the other is not.
    const nodes = row.getByRole('list', { name: 'Nodes' }).getByRole('listitem');
    expect(await nodes.allTextContents()).toEqual(['n1', 'n3 · gave up']);
    expect(await row.getByTitle(/gave up waiting for this node's uploads/).count()).toBe(1);
    expect(await row.getByText('Segments: 2,700 recorded, 0 failed, 3 missing').count()).toBe(1);
    expect(await row.getByText('1 h 30 min').isVisible()).toBe(true);
    await row.getByRole('button', { name: 'Show details of Yankee Gaps' }).click();
    await expect.poll(() => page.getByTestId('missing-segments').textContent(), SOON).toBe('3, 4, 17');
    await screenshot(page, 'recordings-missing-light');
  });

  it('filters by platform, outcome and text in the URL, and pages through many', async () => {
    const alpha = await dash.seed.channel({ username: 'Zulu Pager', platform: 'chzzk' });
    const beta = await dash.seed.channel({ username: 'Zulu Other', platform: 'soop' });
    for (let i = 1; i <= 27; i++) {
      await endedLive(dash.server, alpha, { title: `Zulu part ${i}`, minutesAgo: 60 + i, event: 'complete' });
    }
    await endedLive(dash.server, beta, { title: 'Zulu cancelled', minutesAgo: 50, event: 'canceled' });
    await endedLive(dash.server, beta, { title: 'Zulu silent', minutesAgo: 55 });

    const page = await dash.open('/recordings');
    await page.getByRole('searchbox', { name: 'Search channel or title' }).fill('zulu');
    await expect.poll(() => page.getByTestId('recording-count').textContent(), SOON).toBe('1–25 of 29');
    await page.getByRole('button', { name: 'Page 2' }).click();
    await expect.poll(() => page.getByTestId('recording-count').textContent(), SOON).toBe('26–29 of 29');
    expect(await page.getByRole('table', { name: 'Recordings' }).getByText('Zulu part 27').isVisible()).toBe(
      true,
    );
    expect(new URL(page.url()).searchParams.get('p')).toBe('2');

    await page.getByRole('combobox', { name: 'Platform' }).click();
    await page.getByRole('option', { name: 'soop' }).click();
    await expect.poll(() => visibleRecordings(page), SOON).toEqual(['Zulu Other', 'Zulu Other']);
    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Nothing recorded' }).click();
    await expect.poll(() => page.getByTestId('recording-count').textContent(), SOON).toBe('1–1 of 1');
    expect(await page.getByText('nothing recorded', { exact: true }).isVisible()).toBe(true);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      pf: 'soop',
      outcome: 'nothing_recorded',
      q: 'zulu',
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('recording-count').textContent(), SOON).toBe('1–1 of 1');
    expect(await page.getByRole('searchbox', { name: 'Search channel or title' }).inputValue()).toBe('zulu');
    expect(await horizontalOverflow(page)).toEqual({ page: 0, main: 0, tables: [0] });
    await screenshot(page, 'recordings-filtered-light');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('searchbox', { name: 'Search channel or title' }).fill('no such recording anywhere');
    await expect
      .poll(() => page.getByText('No recording matches these filters').isVisible(), SOON)
      .toBe(true);
  });

  it('says quietly that S3 is not configured when recflow has no bucket', async () => {
    bare = await startServer(dash.sim);
    const channel = await new Seeder(bare.url, dash.sim).channel({ username: 'Alfa Bare' });
    await endedLive(bare, channel, { title: 'Nowhere to list', minutesAgo: 3, event: 'complete' });
    const page = await openPage(dash.browser);
    await page.goto(`${bare.url}/recordings`);
    const row = recordingRow(page, 'Alfa Bare');
    await row.getByRole('button', { name: 'Show details of Alfa Bare' }).click();
    await expect
      .poll(
        () => page.getByText('S3 not configured: set S3_BUCKET to list what recnode uploaded.').isVisible(),
        SOON,
      )
      .toBe(true);
  });
  it('says why when S3 cannot be listed', async () => {
    const channel = await dash.seed.channel({ username: 'Bravo Unlisted' });
    await endedLive(dash.server, channel, { title: 'S3 is down', minutesAgo: 2, event: 'complete' });
    // Last in this file: S3 (and SQS) go away for good.
    await aws.stop();
    const page = await dash.open('/recordings?q=bravo');
    await recordingRow(page, 'Bravo Unlisted')
      .getByRole('button', { name: 'Show details of Bravo Unlisted' })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: 'S3 could not be listed' });
    await expect.poll(() => alert.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await alert.textContent()).toContain(`s3://${bucket}/`);
    await screenshot(page, 'recordings-s3-failing-light');
  });
});
