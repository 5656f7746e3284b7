/** Registers the simulator's recnode nodes in recflow, one node group per simulated group. */
import { api, type NodeDto } from '@recflow/contracts';
import type { Simulator } from '@recflow/simulator';
import type { ApiClient } from './api-client';

export async function registerFleet(client: ApiClient, sim: Simulator, capacity = 10): Promise<NodeDto[]> {
  const groups = new Map<string, string>();
  const existing = await client.ok(api.nodeGroups.list);
  for (const g of existing) groups.set(g.name, g.id);
  const nodes: NodeDto[] = [];
  for (const simNode of sim.nodes.all()) {
    let groupId = groups.get(simNode.group);
    if (!groupId) {
      groupId = (await client.ok(api.nodeGroups.create, { body: { name: simNode.group } })).id;
      groups.set(simNode.group, groupId);
    }
    nodes.push(
      await client.ok(api.nodes.create, {
        body: { name: simNode.name, endpoint: simNode.endpoint, groupId, capacity },
      }),
    );
  }
  return nodes;
}
