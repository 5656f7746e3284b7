import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
});
afterAll(async () => {
  await dash?.close();
});

describe('the dashboard shell', () => {
  it('opens on the lives, and says what is empty instead of showing sample data', async () => {
    const page = await dash.open('/');
    await expect.poll(() => page.getByRole('heading', { name: 'Lives' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Nothing is being recorded').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Nodes' }).click();
    await expect.poll(() => page.getByText('No nodes yet').isVisible()).toBe(true);
    await screenshot(page, 'nodes-empty-light');
    await page.getByRole('link', { name: 'Criteria' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Criteria' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No chzzk criteria').isVisible()).toBe(true);
  });

  it('keeps the chosen theme across reloads', async () => {
    const page = await dash.open('/settings', 'light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.classList.contains('dark')))
      .toBe(true);
    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: 'Switch to light theme' }).isVisible())
      .toBe(true);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  });

  it('returns to the last channel query from the sidebar', async () => {
    const page = await dash.open('/channels?pf=soop&st=createdAt');
    await expect
      .poll(() =>
        page.getByRole('table', { name: 'Channels' }).or(page.getByText('No channel matches')).isVisible(),
      )
      .toBe(true);
    await page.getByRole('link', { name: 'Tags' }).click();
    await page.getByRole('link', { name: 'Channels', exact: true }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?pf=soop&st=createdAt');
  });

  it('shows the readiness checks and the server links on the settings page', async () => {
    const page = await dash.open('/settings', 'dark');
    await expect.poll(() => page.getByText('Ready', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('PostgreSQL').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'API reference' }).getAttribute('href')).toBe('/api/docs');
    await expect.poll(() => page.getByText('available', { exact: true }).first().isVisible()).toBe(true);
    await screenshot(page, 'settings-dark');
  });

  it('collapses the sidebar to icons, which still navigate', async () => {
    const page = await dash.open('/tags');
    await page.getByRole('button', { name: 'Collapse sidebar' }).click();
    await page.getByRole('link', { name: 'Grades' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Grades' }).isVisible()).toBe(true);
    await screenshot(page, 'sidebar-collapsed-light');
  });
});
