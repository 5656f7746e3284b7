import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { visibleChannelNames } from './support/channel-table';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;
let charlieId: string;

beforeAll(async () => {
  dash = await startDashboard();
  const seed = dash.seed;
  await seed.channel({ username: 'Alpha Talk', tagNames: ['talk', 'music'], followerCnt: 1200 });
  await seed.channel({ username: 'Bravo Night', tagNames: ['talk', 'music', 'night'], followerCnt: 56_000 });
  charlieId = (await seed.channel({ username: 'Charlie Solo', tagNames: ['talk'], followerCnt: 80 }))
    .sourceId;
  await seed.channel({ username: 'Delta Tunes', tagNames: ['music'], platform: 'soop', followerCnt: 9_400 });
  await seed.channel({ username: 'Echo Variety', tagNames: ['talk', 'music', 'game'], followerCnt: 310_000 });
});
afterAll(async () => {
  await dash?.close();
});

async function pickTags(page: Page, picker: 'Include tags' | 'Exclude tags', names: string[]) {
  await page.getByRole('button', { name: picker }).click();
  const list = page.getByRole('listbox', { name: picker });
  for (const name of names) await list.getByRole('option', { name }).click();
  await page.keyboard.press('Escape');
}

const sorted = (names: string[]) => [...names].sort();

describe('filtering channels by tags', () => {
  it('shows channels carrying every included tag and none of the excluded ones, and keeps the view in the URL', async () => {
    const page = await dash.open('/channels');
    await expect.poll(() => visibleChannelNames(page).then((n) => n.length)).toBe(5);
    await screenshot(page, 'channels-all-light');

    await pickTags(page, 'Include tags', ['talk', 'music']);
    await page.getByRole('button', { name: 'Exclude tags' }).click();
    const excludeList = page.getByRole('listbox', { name: 'Exclude tags' });
    // A tag chosen for inclusion is not offered for exclusion.
    expect(await excludeList.getByRole('option').allTextContents()).toEqual(
      expect.not.arrayContaining([expect.stringContaining('talk'), expect.stringContaining('music')]),
    );
    await excludeList.getByRole('option', { name: 'night' }).click();
    await page.keyboard.press('Escape');

    await expect.poll(() => visibleChannelNames(page).then(sorted)).toEqual(['Alpha Talk', 'Echo Variety']);
    const params = new URL(page.url()).searchParams;
    expect(params.get('it')).toBe('talk,music');
    expect(params.get('et')).toBe('night');
    await screenshot(page, 'channels-tag-filter-light');

    await page.reload();
    await expect.poll(() => visibleChannelNames(page).then(sorted)).toEqual(['Alpha Talk', 'Echo Variety']);
    await expect
      .poll(() => page.getByRole('button', { name: 'Remove filter −night' }).isVisible())
      .toBe(true);
  });

  it('opens a shared link with the same view, in the dark theme too', async () => {
    const page = await dash.open('/channels?it=music&et=game&st=followerCnt', 'dark');
    await expect.poll(() => visibleChannelNames(page)).toEqual(['Bravo Night', 'Delta Tunes', 'Alpha Talk']);
    await screenshot(page, 'channels-shared-link-dark');
  });

  it('searches by a part of the username and by the exact channel id', async () => {
    const page = await dash.open('/channels');
    await page.getByRole('searchbox', { name: 'Username' }).fill('variety');
    await page.keyboard.press('Enter');
    await expect.poll(() => visibleChannelNames(page)).toEqual(['Echo Variety']);
    expect(new URL(page.url()).searchParams.get('uname')).toBe('variety');

    await page.getByRole('combobox', { name: 'Search by' }).click();
    await page.getByRole('option', { name: 'UserID' }).click();
    await page.getByRole('searchbox', { name: 'Channel id' }).fill(charlieId);
    await page.keyboard.press('Enter');
    await expect.poll(() => visibleChannelNames(page)).toEqual(['Charlie Solo']);
    const params = new URL(page.url()).searchParams;
    expect([params.get('uid'), params.get('uname')]).toEqual([charlieId, null]);
  });

  it('pages through the channels with the page bar', async () => {
    const page = await dash.open('/channels?s=2&st=followerCnt');
    await expect.poll(() => visibleChannelNames(page)).toEqual(['Echo Variety', 'Bravo Night']);
    await expect.poll(() => page.getByTestId('channel-total').textContent()).toContain('of 5 channels');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => visibleChannelNames(page)).toEqual(['Delta Tunes', 'Alpha Talk']);
    await page.getByRole('button', { name: 'Last page' }).click();
    await expect.poll(() => visibleChannelNames(page)).toEqual(['Charlie Solo']);
    expect(new URL(page.url()).searchParams.get('p')).toBe('3');
  });
});
