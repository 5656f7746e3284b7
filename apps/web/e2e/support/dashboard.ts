/**
 * One test file's world: the simulated platforms (and recnode nodes, when asked for), a recflow
 * server (own database, serving the built dashboard from apps/web/dist), a seeder and a browser.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Simulator, type SimulatorOptions, startSimulator } from '@recflow/simulator';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { Seeder } from './seed';
import { type ServerSettings, startServer, type TestServer } from './server';

const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

export interface Dashboard {
  sim: Simulator;
  server: TestServer;
  seed: Seeder;
  browser: Browser;
  /** Opens a dashboard path in a fresh browser context (own storage, so own theme). */
  open(path: string, theme?: 'light' | 'dark'): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `world` configures the simulator, e.g. `{ nodes: 4, groups: 2, timeScale: 20 }` for recording;
 * `settings` overrides the server's, e.g. `{ SCHEDULER_ENABLED: true }` to run its jobs.
 */
export async function startDashboard(
  world: SimulatorOptions = {},
  settings: ServerSettings = {},
): Promise<Dashboard> {
  if (!existsSync(DIST_INDEX)) {
    throw new Error('apps/web/dist is missing: run `pnpm --filter @recflow/web build` first');
  }
  const sim = await startSimulator(world);
  const server = await startServer(sim, settings);
  const browser = await launchBrowser();
  return {
    sim,
    server,
    seed: new Seeder(server.url, sim),
    browser,
    async open(path, theme = 'light') {
      const page = await openPage(browser, theme);
      await page.goto(`${server.url}${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      await sim.close();
    },
  };
}
