/** Reading the lives table the way a person does: by channel names and the node badges in a row. */
import type { Locator, Page } from 'playwright-core';

export function livesTable(page: Page) {
  return page.getByRole('table', { name: 'Lives' });
}

export function liveRow(page: Page, username: string) {
  return livesTable(page).locator('tbody tr', {
    has: page.getByRole('link', { name: username, exact: true }),
  });
}

/** Channel names in the table, top to bottom ([] while the table is absent or empty). */
export async function visibleLiveChannels(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const row of await livesTable(page).locator('tbody tr').all()) {
    names.push(((await row.getByRole('link').first().textContent()) ?? '').trim());
  }
  return names;
}

/** The node badges of a row, as `node/group`. */
export async function rowNodes(row: Locator): Promise<string[]> {
  const nodes: string[] = [];
  for (const item of await row.getByRole('list', { name: 'Nodes' }).getByRole('listitem').all()) {
    nodes.push((await item.locator('span span').allTextContents()).join('/'));
  }
  return nodes;
}
