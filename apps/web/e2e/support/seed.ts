/**
 * Test data written through the REST API with the dashboard's own typed client, so seeding also
 * checks every answer against its contract.
 */
import {
  api,
  type ChannelDto,
  type LiveDto,
  type PlatformName,
  type RouteDef,
  type RouteResponse,
} from '@recflow/contracts';
import type { Simulator } from '@recflow/simulator';
import { type CallRequest, call } from '../../src/shared/api/client';

let sequence = 0;

export function uniqueId(prefix: string): string {
  sequence++;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

export class Seeder {
  constructor(
    private readonly baseUrl: string,
    private readonly sim: Simulator,
  ) {}

  call<D extends RouteDef>(route: D, request: CallRequest<D> = {}): Promise<RouteResponse<D>> {
    return call(route, request, { baseUrl: this.baseUrl });
  }

  /** A channel the simulated platform knows, registered in recflow. */
  async channel(spec: {
    username: string;
    platform?: PlatformName;
    followerCnt?: number;
    tagNames?: string[];
    gradeName?: string;
  }): Promise<ChannelDto> {
    const platform = spec.platform ?? 'chzzk';
    const sourceId = uniqueId(platform);
    this.sim.world.addChannel({
      platform,
      sourceId,
      username: spec.username,
      followerCnt: spec.followerCnt ?? 100,
    });
    return this.call(api.channels.create, {
      body: { platformName: platform, sourceId, tagNames: spec.tagNames ?? [], gradeName: spec.gradeName },
    });
  }

  /** A channel only the simulated platform knows, ready to be added from the dashboard. */
  platformChannel(username: string, platform: PlatformName = 'chzzk'): string {
    const sourceId = uniqueId(platform);
    this.sim.world.addChannel({ platform, sourceId, username, followerCnt: 4321 });
    return sourceId;
  }

  /** A channel broadcasting now on the simulated platform, not yet known to recflow. */
  liveChannel(spec: { username: string; title: string; viewers?: number; platform?: PlatformName }): string {
    const platform = spec.platform ?? 'chzzk';
    const sourceId = uniqueId(platform);
    this.sim.world.addChannel({ platform, sourceId, username: spec.username, followerCnt: 100 });
    this.sim.world.startLive(platform, sourceId, { title: spec.title, viewers: spec.viewers ?? 100 });
    return sourceId;
  }

  /** Such a channel, recorded through the API. */
  async live(spec: {
    username: string;
    title: string;
    viewers?: number;
    platform?: PlatformName;
    nodeCount?: number;
    groupIds?: string[];
  }): Promise<LiveDto> {
    const platformName = spec.platform ?? 'chzzk';
    const sourceId = this.liveChannel({ ...spec, platform: platformName });
    return this.call(api.lives.create, {
      body: { platformName, sourceId, nodeCount: spec.nodeCount, groupIds: spec.groupIds },
    });
  }
}
