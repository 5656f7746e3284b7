import { api } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { channelRow, visibleChannelNames } from './support/channel-table';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
  await dash.seed.call(api.grades.create, {
    body: { name: 'vip', shouldSave: true, shouldNotify: true, seq: 1 },
  });
  await dash.seed.call(api.grades.create, { body: { name: 'skip', shouldSave: false, seq: 2 } });
});
afterAll(async () => {
  await dash?.close();
});

async function serverChannel(id: string) {
  return dash.seed.call(api.channels.get, { params: { id } });
}

describe('acting on a channel row', () => {
  it('changes the grade from the grade badge', async () => {
    const channel = await dash.seed.channel({ username: 'Golf Grade' });
    const page = await dash.open('/channels');
    const row = channelRow(page, 'Golf Grade');
    await row.getByRole('button', { name: 'none' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change grade' });
    await dialog.getByRole('combobox', { name: 'Grade' }).click();
    await page.getByRole('option', { name: 'vip' }).click();
    await dialog.getByRole('button', { name: 'Save grade' }).click();

    await expect.poll(() => row.getByRole('button', { name: /^vip/ }).isVisible()).toBe(true);
    expect((await serverChannel(channel.id)).grade.name).toBe('vip');
    await screenshot(page, 'channel-grade-changed-light');
  });

  it('attaches a new tag from the actions menu and detaches it from the tag badge', async () => {
    const channel = await dash.seed.channel({ username: 'Hotel Tags', tagNames: ['keep'] });
    const page = await dash.open('/channels');
    const row = channelRow(page, 'Hotel Tags');
    await row.getByRole('button', { name: 'Actions for Hotel Tags' }).click();
    await page.getByRole('menuitem', { name: 'Attach tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attach a tag' });
    await dialog.getByLabel('Tag').fill('brand-new');
    await screenshot(page, 'channel-attach-tag-light');
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'brand-new' }).isVisible()).toBe(true);

    await row.getByRole('button', { name: 'keep' }).click();
    await page.getByRole('menuitem', { name: 'Detach from Hotel Tags' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'keep' }).count()).toBe(0);
    expect((await serverChannel(channel.id)).tags?.map((t) => t.name)).toEqual(['brand-new']);
  });

  it('edits the description and follows the channel', async () => {
    const channel = await dash.seed.channel({ username: 'India Edit' });
    const page = await dash.open('/channels', 'dark');
    const row = channelRow(page, 'India Edit');
    await row.getByRole('button', { name: 'Actions for India Edit' }).click();
    await page.getByRole('menuitem', { name: 'Edit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit channel' });
    await dialog.getByLabel('Description').fill('Speedruns on weekends');
    await screenshot(page, 'channel-edit-dark');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.getByText('Speedruns on weekends').isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Actions for India Edit' }).click();
    await page.getByRole('menuitem', { name: 'Follow' }).click();
    await expect.poll(() => row.getByLabel('followed').isVisible()).toBe(true);
    const stored = await serverChannel(channel.id);
    expect(stored).toMatchObject({ description: 'Speedruns on weekends', isFollowed: true });
  });

  it('deletes a channel after confirmation', async () => {
    await dash.seed.channel({ username: 'Juliet Gone' });
    const page = await dash.open('/channels');
    await channelRow(page, 'Juliet Gone').getByRole('button', { name: 'Actions for Juliet Gone' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete Juliet Gone?' });
    await screenshot(page, 'channel-delete-confirm-light');
    await confirm.getByRole('button', { name: 'Delete channel' }).click();
    await expect.poll(() => visibleChannelNames(page)).not.toContain('Juliet Gone');
    await expect.poll(() => page.getByText('Juliet Gone deleted').isVisible()).toBe(true);
  });
});
