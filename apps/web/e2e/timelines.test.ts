import { api } from '@recflow/contracts';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/src/audit/audit-log';
import { LiveRecovery } from '../../server/src/live/live-recovery';
import { horizontalOverflow, screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';

let dash: Dashboard;
/** Long enough for a page's first load on a busy machine. */
const SOON = { timeout: 10_000 };

beforeAll(async () => {
  dash = await startDashboard(
    { nodes: 4, groups: 2, timeScale: 20 },
    // Recovery judges new bindings at once, and one failure cordons a node.
    { LIVE_RECOVERY_INIT_WAIT_SEC: 0, RECNODE_HEALTH_TIMEOUT_MS: 300, NODE_FAILURE_THRESHOLD: 1 },
  );
});
afterEach(() => {
  for (const node of dash.sim.nodes.all()) node.revive();
});
afterAll(async () => {
  await dash?.close();
});

function timeline(page: Page) {
  return page.getByRole('list', { name: 'Timeline' });
}

function eventsOf(page: Page, kind: string) {
  return timeline(page).locator(`li[data-kind="${kind}"]`);
}

describe('timelines', () => {
  it("shows a live's events as they happen, and each node's, linked to one another", async () => {
    const live = await dash.seed.live({ username: 'Tango Timeline', title: 'Watched closely', nodeCount: 2 });
    const [lost, kept] = live.nodes;
    const page = await dash.open(`/lives/${live.id}`);
    await expect.poll(() => eventsOf(page, 'live.registered').count(), SOON).toBe(1);
    expect(await eventsOf(page, 'live.registered').textContent()).toContain('Registered');
    expect(await eventsOf(page, 'live.node_added').count()).toBe(2);
    expect(
      await timeline(page)
        .getByRole('link', { name: `node ${lost!.name}` })
        .isVisible(),
    ).toBe(true);

    // A node dies: recovery fails it and replaces it, and the open page shows both on its own.
    dash.sim.nodes.must(lost!.name).kill('reset');
    await dash.server.app.get(LiveRecovery).check();
    await expect.poll(() => eventsOf(page, 'live.node_failed').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => eventsOf(page, 'live.node_added').count(), { timeout: 15_000 }).toBe(3);
    expect(await eventsOf(page, 'live.node_failed').textContent()).toContain('Node failed');
    expect(await eventsOf(page, 'live.node_failed').getByRole('link').textContent()).toBe(
      `node ${lost!.name}`,
    );
    // Newest first.
    const times = await timeline(page)
      .locator('time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect([...times].sort().reverse()).toEqual(times);
    expect(await horizontalOverflow(page)).toMatchObject({ page: 0, main: 0 });
    await screenshot(page, 'live-timeline-light', { fullPage: true });

    await eventsOf(page, 'live.node_failed')
      .getByRole('link', { name: `node ${lost!.name}` })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: lost!.name, exact: true }).isVisible(), SOON)
      .toBe(true);
    await expect.poll(() => eventsOf(page, 'node.cordoned').count(), SOON).toBe(1);
    expect(await eventsOf(page, 'node.cordoned').textContent()).toContain('Cordoned');
    expect(await eventsOf(page, 'live.node_failed').count()).toBe(1);
    expect(await eventsOf(page, 'live.node_added').count()).toBe(1);
    await screenshot(page, 'node-timeline-light', { fullPage: true });
    const dark = await dash.open(page.url().replace(dash.server.url, ''), 'dark');
    await expect.poll(() => eventsOf(dark, 'node.cordoned').count(), SOON).toBe(1);
    await screenshot(dark, 'node-timeline-dark', { fullPage: true });

    await eventsOf(page, 'live.node_failed')
      .getByRole('link', { name: `live ${live.id.slice(0, 8)}` })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Tango Timeline' }).isVisible(), SOON)
      .toBe(true);
    await expect
      .poll(() => page.getByRole('region', { name: `Node ${kept!.name}` }).isVisible(), SOON)
      .toBe(true);
  });

  it('opens a node from the Nodes page and shows the lives it took', async () => {
    const live = await dash.seed.live({ username: 'Uniform Node', title: 'On one node', nodeCount: 1 });
    const node = live.nodes[0]!;
    const page = await dash.open('/nodes');
    await page.locator(`tbody tr[data-node="${node.name}"]`).getByRole('link', { name: node.name }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: node.name, exact: true }).isVisible(), SOON)
      .toBe(true);
    const recordings = page.getByRole('list', { name: `Recordings on ${node.name}` });
    await expect.poll(() => recordings.getByText('Uniform Node').isVisible(), SOON).toBe(true);
    const added = eventsOf(page, 'live.node_added').filter({
      has: page.getByRole('link', { name: `live ${live.id.slice(0, 8)}` }),
    });
    await expect.poll(() => added.count(), SOON).toBe(1);
    expect(await added.textContent()).toContain(`${node.name} started recording`);
  });

  it('shows an event of a kind it does not know with a plain label, never hiding it', async () => {
    const live = await dash.seed.live({ username: 'Victor Novel', title: 'Something new', nodeCount: 1 });
    await dash.server.app
      .get(AuditLog)
      .record({ kind: 'live.weather_changed', liveId: live.id, message: 'it started to rain' });
    const events = await dash.seed.call(api.audit.ofLive, { params: { id: live.id } });
    expect(events.map((e) => e.kind)).toContain('live.weather_changed');
    const page = await dash.open(`/lives/${live.id}`, 'dark');
    const event = eventsOf(page, 'live.weather_changed');
    await expect.poll(() => event.count(), SOON).toBe(1);
    expect(await event.textContent()).toContain('Weather changed');
    expect(await event.textContent()).toContain('it started to rain');
    await screenshot(page, 'live-timeline-dark');
    expect(await timeline(page).locator('li').count()).toBe(events.length);
  });
  it('links the two records of a restarted broadcast to each other', async () => {
    const before = await dash.seed.live({ username: 'Whiskey Restart', title: 'First record', nodeCount: 1 });
    const after = await dash.seed.live({ username: 'Xray Restart', title: 'Second record', nodeCount: 1 });
    await dash.server.app.get(AuditLog).record(
      {
        kind: 'live.restarted',
        liveId: before.id,
        message: `recnode found the live invalid; restarted as ${after.id}`,
        details: { restartedAs: after.id },
      },
      {
        kind: 'live.restarted',
        liveId: after.id,
        message: `restart of ${before.id}`,
        details: { restartedFrom: before.id },
      },
    );
    const page = await dash.open(`/lives/${before.id}`);
    const restarted = eventsOf(page, 'live.restarted');
    await expect.poll(() => restarted.textContent(), SOON).toContain('Restarted');
    await restarted.getByRole('link', { name: `restarted as live ${after.id.slice(0, 8)}` }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Xray Restart' }).isVisible(), SOON).toBe(true);
    await eventsOf(page, 'live.restarted')
      .getByRole('link', { name: `restart of live ${before.id.slice(0, 8)}` })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Whiskey Restart' }).isVisible(), SOON)
      .toBe(true);
  });
});
