import { api } from '@recflow/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard({}, { CRITERIA_PREVIEW_TIMEOUT_MS: 3_000 });
  await dash.seed.call(api.grades.create, { body: { name: 'vip', shouldSave: true } });
  dash.seed.liveChannel({ username: 'Alpha Any', title: 'Celeste any% attempts', viewers: 900 });
  dash.seed.liveChannel({ username: 'Bravo Chill', title: 'Celeste chill', viewers: 120 });
  dash.seed.liveChannel({ username: 'Charlie Rerun', title: 'Celeste rerun', viewers: 2_000 });
  const known = await dash.seed.channel({ username: 'Delta Known', gradeName: 'vip' });
  dash.sim.world.startLive('chzzk', known.sourceId, { title: 'Celeste with chat', viewers: 4 });
  dash.seed.liveChannel({ username: 'Echo Other', title: 'Just chatting', viewers: 9_000 });
});
afterAll(async () => {
  await dash?.close();
});

async function newCriterionDialog(page: Page) {
  await page.getByRole('button', { name: 'New criterion' }).click();
  return page.getByRole('dialog', { name: 'New chzzk criterion' });
}

async function addValue(dialog: ReturnType<Page['getByRole']>, list: string, value: string) {
  const input = dialog.getByLabel(list);
  await input.fill(value);
  await input.press('Enter');
}

const rowOf = (dialog: ReturnType<Page['getByRole']>, channel: string) =>
  dialog.getByRole('table', { name: 'Preview: lives' }).getByRole('row').filter({ hasText: channel });

describe('the criteria preview', () => {
  it('shows, as the operator edits, how many lives would be recorded now and why for each', async () => {
    const page = await dash.open('/criteria');
    const previews: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/criteria/preview')) previews.push(r.postData() ?? '');
    });
    const dialog = await newCriterionDialog(page);
    const preview = dialog.getByRole('region', { name: 'Preview' });
    expect(await preview.textContent()).toContain('Add a positive tag, keyword or number');

    await addValue(dialog, '+Keywords (positive keywords)', 'Celeste');
    await expect.poll(() => preview.getByText('4 lives would be recorded now').isVisible()).toBe(true);

    // Typed quickly, a threshold asks the server once for the value it settles on, not per key.
    const before = previews.length;
    await dialog.getByLabel('Minimum viewers').fill('');
    await dialog.getByLabel('Minimum viewers').pressSequentially('500', { delay: 40 });
    await expect.poll(() => preview.getByText('3 lives would be recorded now').isVisible()).toBe(true);
    expect(previews.length - before).toBeLessThanOrEqual(2);
    expect(JSON.parse(previews.at(-1)!)).toMatchObject({ minUserCnt: 500, positiveKeywords: ['Celeste'] });

    await addValue(dialog, '−Keywords (negative keywords)', 'rerun');
    await expect.poll(() => preview.getByText('2 lives would be recorded now').isVisible()).toBe(true);
    expect(await rowOf(dialog, 'Alpha Any').textContent()).toContain('unknown channel, 900 viewers ≥ 500');
    expect(await rowOf(dialog, 'Bravo Chill').textContent()).toContain('unknown channel, 120 viewers < 500');
    expect(await rowOf(dialog, 'Charlie Rerun').textContent()).toContain(
      'excluded by negative keyword "rerun"',
    );
    const knownRow = await rowOf(dialog, 'Delta Known').textContent();
    expect(knownRow).toContain('vip');
    expect(knownRow).toContain('Record');
    expect(await dialog.getByRole('table', { name: 'Preview: lives' }).textContent()).not.toContain(
      'Echo Other',
    );
    await screenshot(page, 'criteria-preview-light');

    // Nothing was recorded by looking.
    expect(await dash.seed.call(api.lives.list, { query: { segments: 'false' } })).toEqual([]);
  });

  it('reports a failing search beside the answers of the others, and says when streamq is down', async () => {
    const page = await dash.open('/criteria', 'dark');
    const dialog = await newCriterionDialog(page);
    const preview = dialog.getByRole('region', { name: 'Preview' });
    dash.sim.faults.searches.set('Broken', { mode: 'status', status: 500 });
    await addValue(dialog, '+Keywords (positive keywords)', 'Celeste');
    await addValue(dialog, '+Keywords (positive keywords)', 'Broken');
    const failure = preview.getByRole('alert');
    await expect.poll(() => failure.textContent()).toContain('1 search failed; the others answered');
    expect(await failure.textContent()).toContain('keyword “Broken”');
    expect(await preview.getByText('4 lives would be recorded now').isVisible()).toBe(true);
    await screenshot(page, 'criteria-preview-failed-search-dark');

    dash.sim.faults.streamq = { mode: 'status', status: 503 };
    try {
      await addValue(dialog, '+Tags (positive tags)', 'speedrun');
      await expect.poll(() => preview.getByText('No preview').isVisible()).toBe(true);
      expect(await preview.getByRole('alert').first().textContent()).toContain('every search failed');
    } finally {
      dash.sim.faults.reset();
    }
  });

  it('shows a saved criterion’s preview from its row', async () => {
    await dash.seed.call(api.criteria.createChzzk, {
      body: { name: 'climbers', minUserCnt: 100, positiveKeywords: ['Celeste'], negativeTags: ['asmr'] },
    });
    const page = await dash.open('/criteria');
    await page.getByRole('button', { name: 'Preview matches of climbers' }).click();
    const dialog = page.getByRole('dialog', { name: 'What climbers would match now' });
    await expect.poll(() => dialog.getByText('4 lives would be recorded now').isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('once the criterion is activated');
    await screenshot(page, 'criteria-preview-saved-light');
  });
});
