/**
 * Test data written through the REST API with the dashboard's own typed client, so seeding also
 * checks every answer against its contract.
 */
import {
  api,
  type ChannelDto,
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
}
