import { api } from '@recflow/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, screenshot } from './support/browser';
import { type Dashboard, startDashboard } from './support/dashboard';
import { groupSection, nodeRow } from './support/node-table';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard({ nodes: 4, groups: 2, timeScale: 20 });
});
afterAll(async () => {
  await dash?.close();
});

async function nodeNamed(name: string) {
  const nodes = await dash.seed.call(api.nodes.list);
  return nodes.find((n) => n.name === name)!;
}

describe('the nodes page', () => {
  it('shows each group with its nodes, their load, and the recordings a node runs', async () => {
    const live = await dash.seed.live({ username: 'Papa Watched', title: 'Load me', nodeCount: 2 });
    const bound = live.nodes[0]!.name;
    const page = await dash.open('/nodes');
    for (const group of ['g1', 'g2']) {
      await expect.poll(() => groupSection(page, group).isVisible()).toBe(true);
    }
    const row = nodeRow(page, bound);
    await expect.poll(() => row.getByText('reachable', { exact: true }).isVisible()).toBe(true);
    expect(await row.getByTitle('1 of 10 lives').isVisible()).toBe(true);

    await row.getByRole('button', { name: `Show recordings on ${bound}` }).click();
    const recordings = page.getByRole('list', { name: `Recordings on ${bound}` });
    await expect.poll(() => recordings.getByText('Papa Watched').isVisible()).toBe(true);
    await expect.poll(() => recordings.getByText('recording', { exact: true }).isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toEqual({ page: 0, main: 0, tables: [0, 0] });
    await screenshot(page, 'nodes-light', { fullPage: true });

    const dark = await dash.open('/nodes', 'dark');
    await expect
      .poll(() => nodeRow(dark, bound).getByText('reachable', { exact: true }).isVisible())
      .toBe(true);
    await screenshot(dark, 'nodes-dark', { fullPage: true });

    await row.getByRole('button', { name: `Actions for ${bound}` }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const refused = page.getByRole('alertdialog', { name: `Delete node ${bound}?` });
    await refused.getByRole('button', { name: 'Delete node' }).click();
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain('records 1 live(s)');
  });

  it('cordons a node after confirmation, and a new live then avoids it', async () => {
    const n1 = await nodeNamed('n1');
    const page = await dash.open('/nodes');
    await page.getByRole('switch', { name: 'Cordon n1' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Cordon n1?' });
    await screenshot(page, 'nodes-cordon-confirm-light');
    await confirm.getByRole('button', { name: 'Cordon' }).click();
    await expect
      .poll(() => page.getByRole('switch', { name: 'Cordon n1' }).getAttribute('aria-checked'))
      .toBe('true');
    expect(await nodeRow(page, 'n1').getByText('Cordoned', { exact: true }).isVisible()).toBe(true);
    expect((await nodeNamed('n1')).isCordoned).toBe(true);

    // Restricted to n1's group, a live must land on the group's other node.
    for (const username of ['Quebec One', 'Romeo Two']) {
      const live = await dash.seed.live({
        username,
        title: 'Avoid n1',
        nodeCount: 1,
        groupIds: [n1.groupId],
      });
      expect(live.status).toBe('recording');
      expect(live.nodes.map((n) => n.name)).not.toContain('n1');
    }
  });

  it('shows a node that does not answer as unreachable, and the rest as usual', async () => {
    dash.sim.nodes.must('n4').kill('hang');
    try {
      const page = await dash.open('/nodes');
      await expect
        .poll(() => nodeRow(page, 'n4').getByText('unreachable', { exact: true }).isVisible(), {
          timeout: 5_000,
        })
        .toBe(true);
      expect(await nodeRow(page, 'n2').getByText('reachable', { exact: true }).isVisible()).toBe(true);
      await nodeRow(page, 'n4').getByRole('button', { name: 'Show recordings on n4' }).click();
      await expect.poll(() => page.getByText('n4 did not answer').isVisible()).toBe(true);
      await screenshot(page, 'nodes-unreachable-light');
    } finally {
      dash.sim.nodes.must('n4').revive();
    }
  });

  it('adds and edits a node, with the contract’s and the server’s field errors', async () => {
    const page = await dash.open('/nodes');
    await page.getByRole('button', { name: 'Add node' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add node' });
    await dialog.getByLabel('Name').fill('n1');
    await dialog.getByLabel('Endpoint').fill('not a url');
    await dialog.getByRole('button', { name: 'Add node' }).click();
    await expect.poll(() => dialog.getByText('must be an http(s) URL').isVisible()).toBe(true);

    await dialog.getByLabel('Endpoint').fill('http://127.0.0.1:9/spare');
    await dialog.getByRole('button', { name: 'Add node' }).click();
    await expect.poll(() => dialog.getByText('A node named "n1" already exists').isVisible()).toBe(true);
    expect(await dialog.getByText('already exists', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'nodes-add-conflict-light');

    await dialog.getByLabel('Name').fill('spare');
    await dialog.getByLabel('Capacity').fill('4');
    await dialog.getByRole('switch', { name: 'Domestic' }).click();
    await dialog.getByRole('button', { name: 'Add node' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const row = nodeRow(page, 'spare');
    await expect.poll(() => row.getByText('domestic', { exact: true }).isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Actions for spare' }).click();
    await page.getByRole('menuitem', { name: 'Edit…' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit node spare' });
    await edit.getByLabel('Capacity').fill('6');
    await edit.getByRole('button', { name: 'Save node' }).click();
    await expect.poll(() => row.getByTitle('0 of 6 lives').isVisible()).toBe(true);
    expect(await nodeNamed('spare')).toMatchObject({ capacity: 6, isDomestic: true });
  });

  it('creates and renames a group, and shows why a group with nodes cannot be deleted', async () => {
    const page = await dash.open('/nodes');
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New node group' });
    await dialog.getByLabel('Name').fill('g3');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await expect
      .poll(() => groupSection(page, 'g3').getByText('No nodes in this group').isVisible())
      .toBe(true);

    await page.getByRole('button', { name: 'Edit name of group g3' }).click();
    const name = page.getByRole('textbox', { name: 'name of group g3' });
    await name.fill('reserve');
    await name.press('Enter');
    await expect.poll(() => groupSection(page, 'reserve').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Delete group g1' }).click();
    const refused = page.getByRole('alertdialog', { name: 'Delete group "g1"?' });
    await refused.getByRole('button', { name: 'Delete group' }).click();
    await expect
      .poll(() => refused.getByRole('alert').textContent())
      .toContain('node(s); move or delete them first');
    await screenshot(page, 'nodes-group-delete-refused-light');
    await refused.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Delete group reserve' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete group "reserve"?' })
      .getByRole('button', { name: 'Delete group' })
      .click();
    await expect.poll(() => groupSection(page, 'reserve').count()).toBe(0);
  });
});
