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

describe('importing channels in bulk', () => {
  it('reports each CSV row and adds the new channels', async () => {
    const kilo = dash.seed.platformChannel('Kilo Import');
    const lima = dash.seed.platformChannel('Lima Import', 'soop');
    const existing = await dash.seed.channel({ username: 'Mike Existing' });
    const csv = [
      'platform,sourceId,grade,tags,followed,description',
      `chzzk,${kilo},none,talk|import,true,From the spreadsheet`,
      `soop,${lima},,music,,`,
      `chzzk,${existing.sourceId},,talk,,`,
      'chzzk,unknown-on-platform,,,,',
    ].join('\n');

    const page = await dash.open('/import');
    await page.getByLabel('CSV or JSON').fill(csv);
    await expect.poll(() => page.getByText('CSV with 4 data rows').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Import' }).click();

    const report = page.getByRole('table', { name: 'Rows' });
    await expect.poll(() => report.locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    expect(await page.getByTestId('import-updated').textContent()).toBe('1');
    expect(await page.getByTestId('import-error').textContent()).toBe('1');
    const failed = report.locator('tbody tr', { hasText: 'unknown-on-platform' });
    expect(await failed.textContent()).toContain('error');
    await screenshot(page, 'import-report-light', { fullPage: true });

    await page.getByRole('link', { name: 'Channels', exact: true }).click();
    await expect
      .poll(() => visibleChannelNames(page))
      .toEqual(expect.arrayContaining(['Kilo Import', 'Lima Import', 'Mike Existing']));
  });

  it('accepts JSON rows and reports an unchanged re-import', async () => {
    const november = dash.seed.platformChannel('November Json');
    const rows = JSON.stringify([{ platform: 'chzzk', sourceId: november, tags: ['json'] }]);
    const page = await dash.open('/import', 'dark');
    const box = page.getByLabel('CSV or JSON');
    await box.fill(rows);
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('1');

    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByTestId('import-unchanged').textContent()).toBe('1');
    await screenshot(page, 'import-json-unchanged-dark');
  });
});
