import { api } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveDetector } from '../../server/src/live/live-detector';
import { horizontalOverflow, screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';
import { uniqueId } from './support/seed';

let dash: Dashboard;

beforeAll(async () => {
  // Two nodes in two groups, so a criterion's match can actually be recorded.
  dash = await startDashboard({ nodes: 2, groups: 2, timeScale: 20 });
});
afterAll(async () => {
  await dash?.close();
});

/** One detection cycle over every active criterion, as the scheduler would run it. */
const detect = () => dash.server.app.get(LiveDetector).detectCriteria();

function goLive(spec: { username: string; title: string; viewers: number }): string {
  const sourceId = uniqueId('crit');
  dash.sim.world.addChannel({ platform: 'chzzk', sourceId, username: spec.username, followerCnt: 10 });
  dash.sim.world.startLive('chzzk', sourceId, { title: spec.title, viewers: spec.viewers });
  return sourceId;
}

describe('the criteria page', () => {
  it('creates a criterion inactive, activates it and edits its values', async () => {
    const page = await dash.open('/criteria');
    await page.getByRole('button', { name: 'New criterion' }).click();
    const dialog = page.getByRole('dialog', { name: 'New chzzk criterion' });
    await dialog.getByLabel('Name').fill('rhythm');
    await dialog.getByLabel('Minimum viewers').fill('150');
    const keywords = dialog.getByLabel('+Keywords (positive keywords)');
    await keywords.fill('osu');
    await keywords.press('Enter');
    await keywords.fill('Taiko');
    await keywords.press('Enter');
    await dialog.getByRole('button', { name: 'Create criterion' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const table = page.getByRole('table', { name: 'chzzk criteria' });
    const activated = table.getByRole('switch', { name: 'Activated: rhythm' });
    await expect.poll(() => activated.getAttribute('aria-checked')).toBe('false');
    expect(await table.getByRole('button', { name: 'Edit minimum viewers of rhythm' }).textContent()).toBe(
      '150',
    );

    await activated.click();
    await expect.poll(() => activated.getAttribute('aria-checked')).toBe('true');

    await table.getByRole('button', { name: 'Add a negative keyword to rhythm' }).click();
    const value = page.getByRole('textbox', { name: 'New negative keyword' });
    await value.fill('rerun');
    await value.press('Enter');
    const negatives = table.getByRole('list', { name: '−Keywords of rhythm' });
    await expect.poll(() => negatives.getByText('rerun').isVisible()).toBe(true);

    await table.getByRole('button', { name: 'Remove positive keyword Taiko from rhythm' }).click();
    await page
      .getByRole('alertdialog', { name: 'Remove positive keyword "Taiko"?' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect
      .poll(() => table.getByRole('button', { name: 'Remove positive keyword Taiko from rhythm' }).count())
      .toBe(0);

    // The button also vanishes while the table refetches after an earlier change: the server's
    // own answer is what says the removal is done.
    const positives = async () =>
      (await dash.seed.call(api.criteria.listChzzk))[0]?.positiveKeywords.map((u) => u.value);
    await expect.poll(positives).toEqual(['osu']);
    const [saved] = await dash.seed.call(api.criteria.listChzzk);
    expect(saved).toMatchObject({ name: 'rhythm', isDeactivated: false, minUserCnt: 150 });
    expect(saved?.negativeKeywords.map((u) => u.value)).toEqual(['rerun']);
    await screenshot(page, 'criteria-light');
  });

  it('refuses to remove the last search of an active criterion, saying why', async () => {
    const page = await dash.open('/criteria');
    const table = page.getByRole('table', { name: 'chzzk criteria' });
    await table.getByRole('button', { name: 'Remove positive keyword osu from rhythm' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove positive keyword "osu"?' });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => confirm.getByRole('alert').isVisible()).toBe(true);
    expect(await confirm.getByRole('alert').textContent()).toMatch(/positive|search/i);
  });

  it('shows the server’s message for a duplicate value and for a criterion without searches', async () => {
    const page = await dash.open('/criteria', 'dark');
    const table = page.getByRole('table', { name: 'chzzk criteria' });
    await table.getByRole('button', { name: 'Add a negative keyword to rhythm' }).click();
    const value = page.getByRole('textbox', { name: 'New negative keyword' });
    await value.fill('rerun');
    await value.press('Enter');
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').isVisible()).toBe(true);
    await screenshot(page, 'criteria-duplicate-dark');
    await value.press('Escape');

    await page.getByRole('button', { name: 'New criterion' }).click();
    const dialog = page.getByRole('dialog', { name: 'New chzzk criterion' });
    await dialog.getByLabel('Name').fill('nothing');
    const negatives = dialog.getByLabel('−Tags (negative tags)');
    await negatives.fill('asmr');
    await negatives.press('Enter');
    await dialog.getByRole('button', { name: 'Create criterion' }).click();
    await expect
      .poll(() => dialog.getByText('a criterion needs at least one positive tag').isVisible())
      .toBe(true);
    await screenshot(page, 'criteria-create-invalid-dark');
    expect((await dash.seed.call(api.criteria.listChzzk)).map((c) => c.name)).toEqual(['rhythm']);
  });

  it('lists what a logging-only criterion saw, without recording it', async () => {
    const watched = await dash.seed.call(api.criteria.createChzzk, {
      body: {
        name: 'survey',
        isDeactivated: false,
        loggingOnly: true,
        minUserCnt: 100,
        positiveKeywords: ['Factorio'],
      },
    });
    const seen = goLive({ username: 'Lima Logged', title: 'Factorio megabase', viewers: 777 });
    await detect();
    const history = await dash.seed.call(api.criteria.history, { params: { id: watched.id } });
    expect(history.map((h) => h.channelUid)).toEqual([seen]);

    const page = await dash.open('/criteria');
    await expect.poll(() => page.getByRole('button', { name: 'History of survey' }).isVisible()).toBe(true);
    // Every column of a chzzk criterion fits a laptop screen.
    expect(await horizontalOverflow(page)).toEqual({ page: 0, main: 0, tables: [0] });
    await page.getByRole('button', { name: 'History of survey' }).click();
    const entries = page.getByRole('table', { name: 'History of survey' });
    await expect.poll(() => entries.getByText('Factorio megabase').isVisible()).toBe(true);
    expect(await entries.textContent()).toContain('Lima Logged');
    expect(await entries.textContent()).toContain('777');
    await screenshot(page, 'criteria-history-light');
    const lives = await dash.seed.call(api.lives.list, { query: { segments: 'false' } });
    expect(lives.map((l) => l.channel.sourceId)).not.toContain(seen);
  });

  it('says on a live’s page which criterion recorded it and what matched', async () => {
    const sourceId = goLive({ username: 'Mike Matched', title: 'osu! tournament', viewers: 500 });
    await detect();
    const lives = await dash.seed.call(api.lives.list, { query: { segments: 'false' } });
    const live = lives.find((l) => l.channel.sourceId === sourceId);
    expect(live?.recordedReason).toMatchObject({ by: 'criterion', criterionName: 'rhythm' });

    const page = await dash.open(`/lives/${live?.id}`, 'dark');
    await expect.poll(() => page.getByText('Recorded because criterion').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'rhythm' }).getAttribute('href')).toBe(
      '/criteria?platform=chzzk',
    );
    await screenshot(page, 'live-recorded-by-criterion-dark');
  });

  it('keeps the platform tab in the URL and deletes a criterion after confirmation', async () => {
    await dash.seed.call(api.criteria.createSoop, {
      body: { name: 'cates', positiveCates: ['123'], negativeTags: ['rerun'] },
    });
    const page = await dash.open('/criteria?platform=soop');
    const table = page.getByRole('table', { name: 'soop criteria' });
    await expect
      .poll(() => table.getByRole('list', { name: '+Cates of cates' }).textContent())
      .toContain('123');
    expect(await page.getByRole('tab', { name: 'soop' }).getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'criteria-soop-light');

    await table.getByRole('button', { name: 'Delete criterion cates' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete criterion "cates"?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => page.getByText('No soop criteria').isVisible()).toBe(true);
    await page.getByRole('tab', { name: 'chzzk' }).click();
    await expect.poll(() => page.url()).toContain('platform=chzzk');
    await expect
      .poll(() => page.getByRole('table', { name: 'chzzk criteria' }).getByText('rhythm').isVisible())
      .toBe(true);
  });
});
