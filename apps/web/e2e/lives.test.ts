import { api } from '@recflow/contracts';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';
import { liveRow, rowNodes, visibleLiveChannels } from './support/live-table';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard({ nodes: 4, groups: 2, timeScale: 20 });
});
afterEach(() => {
  for (const node of dash.sim.nodes.all()) node.revive();
});
afterAll(async () => {
  await dash?.close();
});

async function record(page: Page, sourceId: string) {
  await page.getByRole('button', { name: 'Record a live' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a live' });
  await dialog.getByLabel('Channel id').fill(sourceId);
  await dialog.getByRole('button', { name: 'Record' }).click();
  return dialog;
}

const groupsOf = (nodes: string[]) => new Set(nodes.map((n) => n.split('/')[1]));

describe('the lives page', () => {
  it('says nothing is recorded before any live', async () => {
    const page = await dash.open('/');
    await expect.poll(() => page.getByText('Nothing is being recorded').isVisible()).toBe(true);
    await screenshot(page, 'lives-empty-light');
  });

  it('records a live registered by hand on two nodes in two groups, and shows both recording in its detail', async () => {
    const sourceId = dash.seed.liveChannel({
      username: 'Kilo Marathon',
      title: 'Speedrun marathon',
      viewers: 4321,
    });
    const page = await dash.open('/');
    const dialog = await record(page, sourceId);
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const row = liveRow(page, 'Kilo Marathon');
    await expect.poll(() => row.getAttribute('data-highlighted')).toBe('true');
    expect(await row.getByText('recording', { exact: true }).isVisible()).toBe(true);
    expect(await row.textContent()).toContain('4,321');
    const nodes = await rowNodes(row);
    expect(nodes).toHaveLength(2);
    expect(groupsOf(nodes).size).toBe(2);
    // Counts start at zero; the table's own refresh brings the first recorded segments.
    await expect
      .poll(() => row.getByText(/Segments: [1-9]\d* recorded/).count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(page, 'lives-recording-light');

    await row.getByRole('link', { name: 'Speedrun marathon' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Kilo Marathon' }).isVisible()).toBe(true);
    for (const node of nodes.map((n) => n.split('/')[0]!)) {
      const card = page.getByRole('region', { name: `Node ${node}` });
      await expect.poll(() => card.getByText('reachable', { exact: true }).isVisible()).toBe(true);
      await expect.poll(() => card.getByText('recording', { exact: true }).isVisible()).toBe(true);
      expect(await card.getByText('Segments processed').isVisible()).toBe(true);
    }
    expect(await page.getByText('Recorded because an operator started it').isVisible()).toBe(true);
    expect(await page.getByText('<redacted>').first().isVisible()).toBe(true);
    await screenshot(page, 'live-detail-light', { fullPage: true });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await screenshot(page, 'live-detail-dark');
  });

  it('links to the live already recording a channel when asked to record it again', async () => {
    const live = await dash.seed.live({ username: 'Lima Twice', title: 'Second try', nodeCount: 1 });
    const page = await dash.open('/', 'dark');
    const dialog = await record(page, live.channel.sourceId);
    await expect
      .poll(() => dialog.getByText(`already being recorded by live ${live.id}`).isVisible())
      .toBe(true);
    await screenshot(page, 'lives-record-conflict-dark');
    await dialog.getByRole('link', { name: 'Open the live being recorded' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Lima Twice' }).isVisible()).toBe(true);
  });

  it('says why a live failed when no node could start it', async () => {
    for (const node of dash.sim.nodes.all()) node.kill('reset');
    const sourceId = dash.seed.liveChannel({ username: 'Mike Unlucky', title: 'Nobody records me' });
    const page = await dash.open('/');
    const dialog = await record(page, sourceId);
    await expect.poll(() => dialog.getByText('No node started the recording').isVisible()).toBe(true);
    expect(await dialog.getByRole('alert').textContent()).toContain('nodes that failed');
    await screenshot(page, 'lives-record-failed-light');

    await dialog.getByRole('link', { name: 'Open the failed live' }).click();
    await expect.poll(() => page.getByText('Recording failed').isVisible()).toBe(true);
    expect(await page.getByText('No node is bound to this live').isVisible()).toBe(true);

    const list = await dash.open('/?status=failed', 'dark');
    const row = liveRow(list, 'Mike Unlucky');
    await row.getByRole('button', { name: 'failed: show why' }).click();
    await expect.poll(() => list.getByText('Why it failed').isVisible()).toBe(true);
    await screenshot(list, 'lives-failed-reason-dark');
  });

  it('keeps filters and the order in the URL across a reload', async () => {
    const groups = await dash.seed.call(api.nodeGroups.list);
    const g2 = groups.find((g) => g.name === 'g2')!;
    await dash.seed.live({
      username: 'November Quiz',
      title: 'Quiz night',
      viewers: 50,
      platform: 'soop',
      nodeCount: 1,
      groupIds: [g2.id],
    });
    await dash.seed.live({
      username: 'Oscar Music',
      title: 'Music all day',
      viewers: 9000,
      platform: 'soop',
      nodeCount: 1,
      groupIds: [g2.id],
    });
    await dash.seed.live({
      username: 'An Extraordinarily Long Streamer Display Name For Layout Checks',
      title: `${'Marathon of retro platformers, speedrun routing and viewer challenges. '.repeat(4)}End.`,
      viewers: 1_234_567,
      nodeCount: 2,
    });
    const page = await dash.open('/');
    await expect.poll(() => visibleLiveChannels(page).then((n) => n.length)).toBeGreaterThan(3);
    expect(await horizontalOverflow(page)).toEqual({ page: 0, main: 0, tables: [0] });
    await screenshot(page, 'lives-many-light');

    await page.getByRole('combobox', { name: 'Platform' }).click();
    await page.getByRole('option', { name: 'soop' }).click();
    await page.getByRole('combobox', { name: 'Node group' }).click();
    await page.getByRole('option', { name: 'g2' }).click();
    await page.getByRole('button', { name: 'Viewers' }).click();
    await expect.poll(() => visibleLiveChannels(page)).toEqual(['Oscar Music', 'November Quiz']);
    await page.getByRole('searchbox', { name: 'Search channel or title' }).fill('quiz');
    await expect.poll(() => visibleLiveChannels(page)).toEqual(['November Quiz']);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ pf: 'soop', group: g2.id, q: 'quiz', sort: 'viewers' });

    await page.reload();
    await expect.poll(() => visibleLiveChannels(page)).toEqual(['November Quiz']);
    expect(await page.getByRole('searchbox', { name: 'Search channel or title' }).inputValue()).toBe('quiz');
    await page.getByRole('searchbox', { name: 'Search channel or title' }).fill('');
    await page.getByRole('button', { name: 'Viewers' }).click();
    await expect.poll(() => visibleLiveChannels(page)).toEqual(['November Quiz', 'Oscar Music']);
    await screenshot(page, 'lives-filtered-light');
  });
});
