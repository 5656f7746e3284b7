/** The simulated fleet in recflow: its nodes registered, and lives recorded on them. */
import { api, type LiveDto, type NodeDto, type PlatformName } from '@recflow/contracts';
import type { Simulator } from '@recflow/simulator';
import type { ApiClient } from './api-client';
import { uniqueId } from './fixtures';
import { waitFor } from './wait';

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

/**
 * Puts a new simulated broadcast on air, records it through `POST /api/lives` and waits until every
 * node it was bound to really records it (the simulator's own view).
 */
export async function recordLive(
  client: ApiClient,
  sim: Simulator,
  options: { prefix: string; platform?: PlatformName; title?: string },
): Promise<LiveDto> {
  const platform = options.platform ?? 'chzzk';
  const sourceId = uniqueId(options.prefix);
  sim.world.addChannel({ platform, sourceId, username: `Live ${sourceId}` });
  sim.world.startLive(platform, sourceId, { title: options.title ?? `live ${sourceId}` });
  const dto = await client.ok(api.lives.create, { body: { platformName: platform, sourceId } });
  for (const node of dto.nodes) {
    await waitFor(() => sim.nodes.must(node.name).recorder(dto.id)?.status === 'recording', {
      what: `${node.name} recording live ${dto.id}`,
    });
  }
  return dto;
}
