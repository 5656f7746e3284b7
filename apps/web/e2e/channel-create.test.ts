import { NO_FAULT } from '@recflow/simulator';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { channelRow, visibleChannelNames } from './support/channel-table';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
  await dash.seed.channel({ username: 'Existing One', tagNames: ['talk'] });
});
afterEach(() => {
  dash.sim.faults.streamq = NO_FAULT;
});
afterAll(async () => {
  await dash?.close();
});

async function openAddDialog(page: Page) {
  await page.getByRole('button', { name: 'Add channel' }).click();
  return page.getByRole('dialog', { name: 'Add channel' });
}

describe('adding a channel from the dashboard', () => {
  it('creates the channel with its tags and follow state, and shows it in the table', async () => {
    const sourceId = dash.seed.platformChannel('Foxtrot Fresh', 'soop');
    const page = await dash.open('/channels');
    const dialog = await openAddDialog(page);
    await dialog.getByRole('combobox', { name: 'Platform' }).click();
    await page.getByRole('option', { name: 'soop' }).click();
    await dialog.getByLabel('Channel id').fill(sourceId);
    const tags = dialog.getByLabel('Tags');
    await tags.fill('evening');
    await tags.press('Enter');
    await tags.fill('talk');
    await tags.press('Enter');
    await dialog.getByLabel('Description').fill('Plays late-night music sets');
    await dialog.getByRole('switch').click();
    await screenshot(page, 'channel-create-dialog-light');
    await dialog.getByRole('button', { name: 'Add channel' }).click();

    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => visibleChannelNames(page)).toContain('Foxtrot Fresh');
    const row = channelRow(page, 'Foxtrot Fresh');
    expect(await row.getByRole('button', { name: 'evening' }).isVisible()).toBe(true);
    expect(await row.getByLabel('followed').isVisible()).toBe(true);
    expect(await row.textContent()).toContain('Plays late-night music sets');
    await expect.poll(() => page.getByText(`Added Foxtrot Fresh (soop ${sourceId})`).isVisible()).toBe(true);
    await screenshot(page, 'channel-created-light');
  });

  it('shows the platform’s answer when it does not know the channel id', async () => {
    const page = await dash.open('/channels', 'dark');
    const dialog = await openAddDialog(page);
    await dialog.getByLabel('Channel id').fill('nobody-here');
    await dialog.getByRole('button', { name: 'Add channel' }).click();

    await expect
      .poll(() => dialog.getByText('chzzk has no channel with id "nobody-here"').isVisible())
      .toBe(true);
    // The field error from the problem document lands under the channel id input.
    await expect.poll(() => dialog.getByText('not found on chzzk').isVisible()).toBe(true);
    expect(await dialog.getByLabel('Channel id').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'channel-create-unknown-dark');
  });

  it('shows the conflict when the channel already exists', async () => {
    const existing = await dash.seed.channel({ username: 'Twice Added' });
    const page = await dash.open('/channels');
    const dialog = await openAddDialog(page);
    await dialog.getByLabel('Channel id').fill(existing.sourceId);
    await dialog.getByRole('button', { name: 'Add channel' }).click();

    await expect
      .poll(() =>
        dialog.getByText(`The chzzk channel "${existing.sourceId}" (Twice Added) already exists`).isVisible(),
      )
      .toBe(true);
    await expect.poll(() => dialog.getByText('already exists', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'channel-create-duplicate-light');
  });

  it('refuses a malformed channel id in the browser with the contract’s message', async () => {
    const page = await dash.open('/channels');
    const dialog = await openAddDialog(page);
    await dialog.getByLabel('Channel id').fill('has spaces!');
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect
      .poll(() => dialog.getByText('may only contain letters, digits, "_", "." and "-"').isVisible())
      .toBe(true);
  });

  it('says so when the platform gateway is down, and writes nothing', async () => {
    const sourceId = dash.seed.platformChannel('Gateway Victim');
    dash.sim.faults.streamq = { mode: 'status', status: 500 };
    const page = await dash.open('/channels');
    await expect.poll(() => visibleChannelNames(page).then((n) => n.length)).toBeGreaterThan(0);
    const dialog = await openAddDialog(page);
    await dialog.getByLabel('Channel id').fill(sourceId);
    await dialog.getByRole('button', { name: 'Add channel' }).click();
    await expect.poll(() => dialog.getByText(/^streamq:/).isVisible()).toBe(true);
    await screenshot(page, 'channel-create-gateway-down-light');
    expect(await visibleChannelNames(page)).not.toContain('Gateway Victim');
  });
});
