/**
 * The HLS streams of the simulated lives: one per broadcast, created when something first asks
 * for it (stlink, a test) and gone once the world's channel is no longer on that broadcast.
 */
import { createHash } from 'node:crypto';
import type { PlatformName, StreamHeaders, StreamParams } from '@recflow/contracts';
import type { Clock } from '../clock';
import type { World } from '../world';
import { type RestartNumbering, SimStream, type StreamSettings } from './stream';

/** The header the origin demands, named like a CDN token header. */
export const AUTH_HEADER = 'X-Sim-Auth';

/** What it takes to fetch a stream: what stlink answers and recflow puts in the LiveState. */
export interface StreamAccess {
  url: string;
  params: StreamParams | null;
  headers: StreamHeaders;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** `{expiry}.{signature}`: expiry in simulated epoch ms, 0 for a token that never expires. */
export function signToken(stream: SimStream, expiresAt: number): string {
  return `${expiresAt}.${digest(`${stream.token}:${expiresAt}`)}`;
}

/** Whether a `token` parameter is this stream's, and not expired at `now`. */
export function tokenValid(stream: SimStream, token: string, now: number): boolean {
  const [expiry, signature] = token.split('.');
  const expiresAt = Number(expiry);
  if (!Number.isInteger(expiresAt) || signature !== digest(`${stream.token}:${expiresAt}`)) return false;
  return expiresAt === 0 || now <= expiresAt;
}

export class StreamRegistry {
  private readonly streams = new Map<string, SimStream>();
  /** Set once the HTTP server listens; playlist URLs are absolute. */
  baseUrl = '';

  constructor(
    private readonly world: World,
    private readonly clock: Clock,
    private readonly defaults: StreamSettings,
  ) {}

  /** The stream of the channel's current broadcast, created on first use. */
  of(platform: PlatformName, sourceId: string): SimStream {
    const live = this.world.mustChannel(platform, sourceId).live;
    if (!live) throw new Error(`simulator: ${platform} channel "${sourceId}" is not live`);
    const key = `${platform}.${sourceId}.${live.liveId}`;
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new SimStream(
        { key, platform, sourceId, liveId: live.liveId },
        this.defaults,
        live.openDate.getTime(),
        digest(`token:${key}`),
        digest(`auth:${key}`),
      );
      this.streams.set(key, stream);
    }
    return stream;
  }

  /** The stream behind a playlist or segment URL, if its broadcast is still on. */
  byKey(key: string): SimStream | undefined {
    const stream = this.streams.get(key);
    if (!stream) return undefined;
    const { platform, sourceId, liveId } = stream.identity;
    if (this.world.channel(platform as PlatformName, sourceId)?.live?.liveId === liveId) return stream;
    this.streams.delete(key);
    return undefined;
  }

  access(stream: SimStream): StreamAccess {
    return {
      url: `${this.baseUrl}/hls/${encodeURIComponent(stream.key)}/playlist.m3u8`,
      params: stream.settings.requireParams ? { token: [signToken(stream, this.expiry(stream))] } : null,
      headers: stream.settings.requireHeaders ? { [AUTH_HEADER]: stream.authHeader } : {},
    };
  }

  private expiry(stream: SimStream): number {
    const ttl = stream.settings.tokenTtlMs;
    return ttl === null ? 0 : this.clock.now() + ttl;
  }

  /** The URL, params and headers of the channel's current broadcast, as stlink hands them out. */
  accessOf(platform: PlatformName, sourceId: string): StreamAccess {
    return this.access(this.of(platform, sourceId));
  }

  configure(platform: PlatformName, sourceId: string, patch: Partial<StreamSettings>): SimStream {
    const stream = this.of(platform, sourceId);
    Object.assign(
      stream.settings,
      Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    );
    return stream;
  }

  restart(platform: PlatformName, sourceId: string, numbering: RestartNumbering): SimStream {
    const stream = this.of(platform, sourceId);
    stream.restart(this.clock.now(), numbering);
    return stream;
  }

  goStale(platform: PlatformName, sourceId: string): SimStream {
    const stream = this.of(platform, sourceId);
    stream.goStale(this.clock.now());
    return stream;
  }

  resume(platform: PlatformName, sourceId: string): SimStream {
    const stream = this.of(platform, sourceId);
    stream.resume(this.clock.now());
    return stream;
  }

  drop(platform: PlatformName, sourceId: string, status: 404 | 410 | null): SimStream {
    const stream = this.of(platform, sourceId);
    stream.dropped = status;
    return stream;
  }
}
