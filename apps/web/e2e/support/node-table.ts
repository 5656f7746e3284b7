/** Finding a node's row on the nodes page, whichever group section it is in. */
import type { Page } from 'playwright-core';

export function nodeRow(page: Page, name: string) {
  return page.locator(`tbody tr[data-node="${name}"]`);
}

export function groupSection(page: Page, name: string) {
  return page.getByRole('region', { name: `Group ${name}` });
}
