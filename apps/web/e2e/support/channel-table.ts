/** Reading the channel table the way a person does: by the names in its rows. */
import type { Page } from 'playwright-core';

export function channelTable(page: Page) {
  return page.getByRole('table', { name: 'Channels' });
}

/** Usernames shown in the table, top to bottom ([] while the table is absent or empty). */
export async function visibleChannelNames(page: Page): Promise<string[]> {
  const rows = channelTable(page).locator('tbody tr');
  const names: string[] = [];
  for (const row of await rows.all()) {
    names.push(((await row.locator('a').first().textContent()) ?? '').trim());
  }
  return names;
}

export function channelRow(page: Page, username: string) {
  return channelTable(page).locator('tbody tr', {
    has: page.getByRole('link', { name: username, exact: true }),
  });
}
