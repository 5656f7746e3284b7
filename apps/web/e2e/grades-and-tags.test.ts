import { api } from '@recflow/contracts';
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

describe('managing grades', () => {
  it('creates a grade and edits its seq in place', async () => {
    const page = await dash.open('/grades');
    await page.getByRole('button', { name: 'New grade' }).click();
    const dialog = page.getByRole('dialog', { name: 'New grade' });
    await dialog.getByLabel('Name').fill('partner');
    await dialog.getByLabel('Seq').fill('5');
    await dialog.getByLabel('Description').fill('Partner streamers');
    await dialog.getByRole('button', { name: 'Create grade' }).click();
    const table = page.getByRole('table', { name: 'Grades' });
    await expect.poll(() => table.getByText('Partner streamers').isVisible()).toBe(true);

    await table.getByRole('button', { name: 'Edit seq of grade partner' }).click();
    const seq = table.getByRole('textbox', { name: 'seq of grade partner' });
    await seq.fill('-1');
    await seq.press('Enter');
    await expect.poll(() => table.getByText('must be 0 or more').isVisible()).toBe(true);
    await seq.fill('7');
    await seq.press('Enter');
    await expect
      .poll(() => table.getByRole('button', { name: 'Edit seq of grade partner' }).textContent())
      .toBe('7');
    const grades = await dash.seed.call(api.grades.list);
    expect(grades.find((g) => g.name === 'partner')).toMatchObject({
      seq: 7,
      description: 'Partner streamers',
    });
    await screenshot(page, 'grades-light');
  });

  it('turns notifications on after confirmation', async () => {
    await dash.seed.call(api.grades.create, { body: { name: 'loud', shouldSave: true } });
    const page = await dash.open('/grades', 'dark');
    await page.getByRole('switch', { name: 'Notify for loud' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Turn on notify for loud?' });
    await screenshot(page, 'grades-confirm-dark');
    await confirm.getByRole('button', { name: 'Turn on' }).click();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Notify for loud' }).getAttribute('aria-checked'))
      .toBe('true');
  });

  it('shows why a grade in use cannot be deleted', async () => {
    await dash.seed.call(api.grades.create, { body: { name: 'busy', shouldSave: true } });
    await dash.seed.channel({ username: 'Oscar Busy', gradeName: 'busy' });
    const page = await dash.open('/grades');
    await page.getByRole('button', { name: 'Delete grade busy' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete grade "busy"?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() =>
        confirm
          .getByText('Grade "busy" is used by 1 channel(s); move them to another grade first')
          .isVisible(),
      )
      .toBe(true);
    await screenshot(page, 'grades-delete-in-use-light');
  });
});

describe('managing tags', () => {
  it('lists tags with their channel counts and renames one in place', async () => {
    await dash.seed.channel({ username: 'Papa Tagged', tagNames: ['old-name', 'other'] });
    const page = await dash.open('/tags');
    const table = page.getByRole('table', { name: 'Tags' });
    const row = table.locator('tbody tr', { hasText: 'old-name' });
    expect(await row.getByRole('link', { name: '1' }).getAttribute('href')).toBe('/channels?it=old-name');
    await row.getByRole('button', { name: 'Edit name of tag old-name' }).click();
    const name = table.getByRole('textbox', { name: 'name of tag old-name' });
    await name.fill('new-name');
    await name.press('Enter');
    await expect
      .poll(() => table.getByRole('button', { name: 'Edit name of tag new-name' }).isVisible())
      .toBe(true);
    await screenshot(page, 'tags-light');
  });

  it('shows why an attached tag cannot be deleted, and deletes an unused one', async () => {
    await dash.seed.call(api.tags.create, { body: { name: 'unused' } });
    const page = await dash.open('/tags');
    await page.getByRole('button', { name: 'Delete tag other' }).click();
    const refused = page.getByRole('alertdialog', { name: 'Delete tag "other"?' });
    await refused.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain('1 channel');
    await refused.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Delete tag unused' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete tag "unused"?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => page.getByRole('button', { name: 'Delete tag unused' }).count()).toBe(0);
  });
});
