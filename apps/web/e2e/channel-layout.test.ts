import { api } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { visibleChannelNames } from './support/channel-table';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
});
afterAll(async () => {
  await dash?.close();
});

const LONG_DESCRIPTION = `${'Marathon streams of retro platformers, speedrun routing and viewer challenges. '.repeat(8)}End.`;
const MANY_TAGS = [
  'retro',
  'speedrun',
  'platformer',
  'marathon',
  'challenge',
  'community',
  'late-night',
  'english',
];

describe('the channel list layout on a 1280×720 screen', () => {
  it('explains how to add channels when there are none', async () => {
    const page = await dash.open('/channels');
    await expect.poll(() => page.getByText('No channels yet').isVisible()).toBe(true);
    await screenshot(page, 'channels-empty-light');
  });

  it('keeps long names, descriptions and many tags inside the page', async () => {
    await dash.seed.channel({
      username: 'An Extraordinarily Long Streamer Display Name For Layout',
      tagNames: MANY_TAGS,
      followerCnt: 12_345_678,
    });
    const id = (await dash.seed.channel({ username: 'Short' })).id;
    await dash.seed.call(api.channels.update, {
      params: { id },
      body: { description: LONG_DESCRIPTION },
    });

    for (const theme of ['light', 'dark'] as const) {
      const page = await dash.open('/channels', theme);
      await expect.poll(() => visibleChannelNames(page).then((n) => n.length)).toBe(2);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        table: [...document.querySelectorAll('table')].map(
          (t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth,
        ),
      }));
      expect(overflow).toEqual({ page: 0, table: [0] });
      await screenshot(page, `channels-long-content-${theme}`);
    }
  });

  it('says so when no channel matches the filters', async () => {
    const page = await dash.open('/channels?pf=soop&gr=none', 'dark');
    await expect.poll(() => page.getByText('No channel matches these filters').isVisible()).toBe(true);
    await screenshot(page, 'channels-no-match-dark');
  });
});
