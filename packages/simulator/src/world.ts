/**
 * The simulated platforms' state: channels of chzzk and soop and their lives. Tests and the demo
 * change it directly (library) or through the control API; streamq serves it in raw platform shapes.
 */
import type { PlatformName } from '@recflow/contracts';

export interface SimLive {
  liveId: number;
  title: string;
  viewers: number;
  tags: string[];
  /** chzzk watch-party number or soop category number. */
  category: number | null;
  adult: boolean;
  openDate: Date;
}

export interface SimChannel {
  platform: PlatformName;
  sourceId: string;
  username: string;
  profileImgUrl: string | null;
  followerCnt: number;
  live: SimLive | null;
}

export interface NewChannel {
  platform: PlatformName;
  sourceId: string;
  username: string;
  profileImgUrl?: string | null;
  followerCnt?: number;
}

export interface LiveSpec {
  title?: string;
  viewers?: number;
  tags?: string[];
  category?: number | null;
  adult?: boolean;
}

export class World {
  private readonly channels = new Map<string, SimChannel>();
  private nextLiveId = 1_000_000;

  constructor(private readonly now: () => Date = () => new Date()) {}

  private key(platform: PlatformName, sourceId: string) {
    return `${platform}:${sourceId}`;
  }

  addChannel(spec: NewChannel): SimChannel {
    const channel: SimChannel = {
      platform: spec.platform,
      sourceId: spec.sourceId,
      username: spec.username,
      profileImgUrl: spec.profileImgUrl ?? null,
      followerCnt: spec.followerCnt ?? 0,
      live: null,
    };
    this.channels.set(this.key(spec.platform, spec.sourceId), channel);
    return channel;
  }

  channel(platform: PlatformName, sourceId: string): SimChannel | undefined {
    return this.channels.get(this.key(platform, sourceId));
  }

  mustChannel(platform: PlatformName, sourceId: string): SimChannel {
    const channel = this.channel(platform, sourceId);
    if (!channel) throw new Error(`simulator: no ${platform} channel "${sourceId}"`);
    return channel;
  }

  removeChannel(platform: PlatformName, sourceId: string): boolean {
    return this.channels.delete(this.key(platform, sourceId));
  }

  updateChannel(
    platform: PlatformName,
    sourceId: string,
    patch: Partial<Pick<SimChannel, 'username' | 'profileImgUrl' | 'followerCnt'>>,
  ): SimChannel {
    const channel = this.mustChannel(platform, sourceId);
    Object.assign(channel, patch);
    return channel;
  }

  allChannels(): SimChannel[] {
    return [...this.channels.values()];
  }

  liveChannels(platform?: PlatformName): SimChannel[] {
    return this.allChannels().filter((c) => c.live && (!platform || c.platform === platform));
  }

  /** Starts a broadcast with a fresh live id. */
  startLive(platform: PlatformName, sourceId: string, spec: LiveSpec = {}): SimLive {
    const channel = this.mustChannel(platform, sourceId);
    channel.live = {
      liveId: this.nextLiveId++,
      title: spec.title ?? `${channel.username} live`,
      viewers: spec.viewers ?? 0,
      tags: spec.tags ?? [],
      category: spec.category ?? null,
      adult: spec.adult ?? false,
      openDate: this.now(),
    };
    return channel.live;
  }

  updateLive(platform: PlatformName, sourceId: string, patch: LiveSpec): SimLive {
    const channel = this.mustChannel(platform, sourceId);
    if (!channel.live) throw new Error(`simulator: ${platform} channel "${sourceId}" is not live`);
    Object.assign(channel.live, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    return channel.live;
  }

  endLive(platform: PlatformName, sourceId: string): void {
    this.mustChannel(platform, sourceId).live = null;
  }

  /** Ends and immediately restarts the broadcast under a new live id, keeping its title and tags. */
  restartLive(platform: PlatformName, sourceId: string): SimLive {
    const previous = this.mustChannel(platform, sourceId).live;
    return this.startLive(platform, sourceId, previous ?? {});
  }
}
