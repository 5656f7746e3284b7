/**
 * A headless Chromium (the system one; browsers are never downloaded) showing the dashboard at a
 * laptop's 1280×720, and screenshots into <repo>/test-artifacts/web for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/web/', import.meta.url));

export const VIEWPORT = { width: 1280, height: 720 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function openPage(browser: Browser, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: theme, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Let hover and transition states settle so the picture shows what a person would see.
  await page.mouse.move(0, VIEWPORT.height - 1);
  await page.screenshot({
    path: `${ARTIFACTS}${name}.png`,
    fullPage: options.fullPage ?? false,
    animations: 'disabled',
  });
}

/**
 * How far the page, its main column and each table's scroll container are wider than the room
 * they have (all 0 when everything fits).
 */
export function horizontalOverflow(page: Page): Promise<{ page: number; main: number; tables: number[] }> {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    main: document.querySelector('main')!.scrollWidth - document.querySelector('main')!.clientWidth,
    tables: [...document.querySelectorAll('table')].map(
      (t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth,
    ),
  }));
}
