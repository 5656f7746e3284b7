import { api } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';
import { groupSection } from './support/node-table';

let dash: Dashboard;

beforeAll(async () => {
  // The drain runs as a job on the server's workers, which only run with the scheduler on.
  dash = await startDashboard({ nodes: 4, groups: 2, timeScale: 20 }, { SCHEDULER_ENABLED: true });
});
afterAll(async () => {
  await dash?.close();
});

async function fleet() {
  const [groups, nodes] = await Promise.all([
    dash.seed.call(api.nodeGroups.list),
    dash.seed.call(api.nodes.list),
  ]);
  const groupId = (name: string) => groups.find((g) => g.name === name)!.id;
  return { g1: groupId('g1'), g2: groupId('g2'), nodes };
}

describe('draining a node group', () => {
  it('moves every live of a group to another group with live progress, then puts it back in service', async () => {
    const { g1, g2, nodes } = await fleet();
    const g1Nodes = nodes.filter((n) => n.groupId === g1);
    const g2Capacity = nodes
      .filter((n) => n.groupId === g2)
      .reduce((sum, n) => sum + n.capacity - n.livesCnt, 0);
    expect(g2Capacity).toBeGreaterThanOrEqual(2);
    const lives = [];
    for (const username of ['Sierra Drained', 'Tango Drained']) {
      lives.push(await dash.seed.live({ username, title: 'Rolling deploy', nodeCount: 1, groupIds: [g1] }));
    }
    for (const live of lives) expect(live.nodes.map((n) => n.groupId)).toEqual([g1]);

    const page = await dash.open('/nodes');
    const section = groupSection(page, 'g1');
    await expect.poll(() => section.getByText('n1', { exact: true }).isVisible()).toBe(true);
    await section.getByRole('button', { name: 'Drain group g1', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Drain group "g1"?' });
    await expect.poll(() => confirm.textContent()).toContain('another group with free capacity');
    await screenshot(page, 'nodes-drain-confirm-light');
    await confirm.getByRole('button', { name: 'Drain group', exact: true }).click();

    const progress = section.getByRole('status', { name: 'Drain of g1' });
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toContain('completed');
    expect(await progress.textContent()).toContain('2/2 moved');
    expect(await progress.textContent()).toContain('0 stuck');
    expect(await section.getByText('Cordoned', { exact: true }).count()).toBe(g1Nodes.length);
    await screenshot(page, 'nodes-drain-progress-light');

    const g1Names = new Set(g1Nodes.map((n) => n.name));
    for (const { id } of lives) {
      const live = await dash.seed.call(api.lives.get, { params: { id } });
      expect(live.status).toBe('recording');
      expect(live.nodes.filter((n) => g1Names.has(n.name))).toEqual([]);
      expect(live.nodes.length).toBeGreaterThan(0);
      for (const node of live.nodes) {
        expect(node.groupId).toBe(g2);
        expect(dash.sim.nodes.must(node.name).recordingIds()).toContain(id);
      }
    }

    // The drain followed is UI state: it is still shown after leaving the page and coming back.
    await page.getByRole('link', { name: 'Lives', exact: true }).click();
    await expect.poll(() => section.count()).toBe(0);
    await page.getByRole('link', { name: 'Nodes', exact: true }).click();
    await expect.poll(() => progress.textContent()).toContain('2/2 moved');

    await section.getByRole('button', { name: 'Undrain group g1' }).click();
    await page
      .getByRole('alertdialog', { name: 'Put group "g1" back in service?' })
      .getByRole('button', { name: 'Undrain' })
      .click();
    await expect.poll(() => section.getByText('Cordoned', { exact: true }).count()).toBe(0);
    expect(await progress.count()).toBe(0);
    const after = await dash.seed.call(api.nodes.list, { query: { groupId: g1 } });
    expect(after.map((n) => n.isCordoned)).toEqual(g1Nodes.map(() => false));
  });

  it('offers neither drain nor undrain for a group without nodes', async () => {
    const page = await dash.open('/nodes');
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New node group' });
    await dialog.getByLabel('Name').fill('empty');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    const section = groupSection(page, 'empty');
    await expect.poll(() => section.isVisible()).toBe(true);
    expect(await section.getByRole('button', { name: 'Drain group empty', exact: true }).isDisabled()).toBe(
      true,
    );
    expect(await section.getByRole('button', { name: 'Undrain group empty' }).isDisabled()).toBe(true);
  });
});
